package dev.dbguard.core.rules.tenant;

import dev.dbguard.core.catalog.Column;
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

@RuleDefinition(id = "tenant-column-constant-default", severity = Severity.WARNING, section = Section.TENANT_ISOLATION,
        summary = "A tenant column has a constant DEFAULT, so a write that forgets the tenant lands in that tenant")
public final class TenantColumnConstantDefaultRule implements SchemaRule {

    @Override
    public List<Finding> check(SchemaContext context) {
        List<Finding> findings = new ArrayList<>();
        for (InheritedFromParent.TenantColumn judged : InheritedFromParent.tenantColumns(context)) {
            Table table = judged.table();
            String name = judged.column();
            Column column = table.column(name).orElseThrow();
            if (column.generated() || !Fixes.isConstant(column.defaultExpr())) {
                continue;
            }
            String alter = "ALTER TABLE " + table.name().sql() + " ALTER COLUMN " + Sql.ident(name);
            String fix = alter + " DROP DEFAULT;";
            String rollback = alter + " SET DEFAULT " + column.defaultExpr() + ";";
            String origin = "";
            if (column.defaultDomain() != null) { // the column's type is a domain with the default
                fix = "ALTER DOMAIN " + column.defaultDomain() + " DROP DEFAULT;";
                rollback = "ALTER DOMAIN " + column.defaultDomain() + " SET DEFAULT " + column.defaultExpr() + ";";
                origin = " (the DEFAULT of its domain " + column.defaultDomain() + ")";
            }
            findings.add(context.finding(this)
                    .table(table.name())
                    .column(name)
                    .at(context.sources().column(table, name))
                    .message(table.name() + "." + name + " defaults to the constant " + column.defaultExpr()
                            + origin + ": an insert that forgets the tenant silently lands in that tenant")
                    .fix(fix, rollback)
                    .build());
        }
        return findings;
    }
}
