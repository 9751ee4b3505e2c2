package dev.dbguard.core.rules.rls;

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

@RuleDefinition(id = "rls-disabled", severity = Severity.ERROR, section = Section.ROW_LEVEL_SECURITY,
        summary = "A tenant table, or a partition of one, has row level security disabled")
public final class RlsDisabledRule implements SchemaRule {

    @Override
    public List<Finding> check(SchemaContext context) {
        List<Finding> findings = new ArrayList<>();
        for (Table table : context.tenancy().tenantTables()) {
            if (table.rlsEnabled()) {
                continue;
            }
            String t = table.name().sql();
            String fix = Fixes.enableAndForce(table.name());
            List<String> tenantColumns = context.tenancy().of(table.name()).tenantColumns();
            String rollback = "ALTER TABLE " + t + " NO FORCE ROW LEVEL SECURITY;\n"
                    + "ALTER TABLE " + t + " DISABLE ROW LEVEL SECURITY;";
            if (table.policies().isEmpty() && !tenantColumns.isEmpty()) {
                String column = tenantColumns.get(0);
                String type = table.column(column).orElseThrow().type();
                fix += "\nCREATE POLICY tenant_isolation ON " + t + " USING ("
                        + Fixes.tenantPredicate(context.config(), column, type) + ");";
                rollback = "DROP POLICY tenant_isolation ON " + t + ";\n" + rollback;
            }
            String what = table.isPartition()
                    ? "partition " + table.name() + " of " + table.partitionOf() + " has row level security disabled: "
                    + "reading the partition directly skips every policy of its parent"
                    : table.name() + " holds tenant data and has row level security disabled: every role that can "
                    + "read it sees every tenant's rows";
            findings.add(context.finding(this)
                    .table(table.name())
                    .at(context.sources().rowLevelSecurity(table))
                    .message(what)
                    .fix(fix, rollback)
                    .build());
        }
        return findings;
    }
}
