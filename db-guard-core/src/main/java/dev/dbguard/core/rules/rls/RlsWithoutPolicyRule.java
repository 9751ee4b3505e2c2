package dev.dbguard.core.rules.rls;

import dev.dbguard.core.catalog.Sql;
import dev.dbguard.core.catalog.Table;
import dev.dbguard.core.api.Finding;
import dev.dbguard.core.api.Severity;
import dev.dbguard.core.rules.Fixes;
import dev.dbguard.core.rules.RuleDefinition;
import dev.dbguard.core.rules.SchemaContext;
import dev.dbguard.core.rules.SchemaRule;
import dev.dbguard.core.rules.Section;
import java.util.ArrayList;
import java.util.List;

@RuleDefinition(id = "rls-without-policy", severity = Severity.WARNING, section = Section.ROW_LEVEL_SECURITY,
        summary = "Row level security is enabled on a table with no policy, so every non-owner sees nothing")
public final class RlsWithoutPolicyRule implements SchemaRule {

    @Override
    public List<Finding> check(SchemaContext context) {
        List<Finding> findings = new ArrayList<>();
        for (Table table : context.snapshot().tables()) {
            if (!table.rlsEnabled() || !table.policies().isEmpty() || context.tenancy().isGlobal(table.name())) {
                continue;
            }
            String t = table.name().sql();
            List<String> tenantColumns = context.tenancy().of(table.name()).tenantColumns();
            String fix;
            String rollback;
            if (tenantColumns.isEmpty()) {
                fix = "-- write the policy that says which rows each role may see, for example:\n"
                        + "CREATE POLICY " + Sql.ident(table.name().name() + "_access") + " ON " + t + " USING (<condition>);";
                rollback = "DROP POLICY " + Sql.ident(table.name().name() + "_access") + " ON " + t + ";";
            } else {
                String column = tenantColumns.get(0);
                fix = "CREATE POLICY tenant_isolation ON " + t + " USING ("
                        + Fixes.tenantPredicate(context.config(), column, table.column(column).orElseThrow().type()) + ");";
                rollback = "DROP POLICY tenant_isolation ON " + t + ";";
            }
            findings.add(context.finding(this)
                    .table(table.name())
                    .at(context.sources().rowLevelSecurity(table))
                    .message(table.name() + " has row level security enabled and no policy: every role but its owner "
                            + "sees no rows and can write none")
                    .fix(fix, rollback)
                    .build());
        }
        return findings;
    }
}
