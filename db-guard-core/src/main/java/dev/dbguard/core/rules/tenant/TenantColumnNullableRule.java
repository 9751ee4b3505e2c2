package dev.dbguard.core.rules.tenant;

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

@RuleDefinition(id = "tenant-column-nullable", severity = Severity.ERROR, section = Section.TENANT_ISOLATION,
        summary = "A tenant column allows NULL, so rows can belong to no tenant and escape every policy")
public final class TenantColumnNullableRule implements SchemaRule {

    @Override
    public List<Finding> check(SchemaContext context) {
        List<Finding> findings = new ArrayList<>();
        for (InheritedFromParent.TenantColumn judged : InheritedFromParent.tenantColumns(context)) {
            Table table = judged.table();
            String name = judged.column();
            if (table.rejectsNull(name)) {
                continue;
            }
            String t = table.name().sql();
            String col = Sql.ident(name);
            String check = Sql.ident(Fixes.name(table, name, "not_null"));
            findings.add(context.finding(this)
                    .table(table.name())
                    .column(name)
                    .at(context.sources().column(table, name))
                    .message(table.name() + "." + name + " allows NULL: a row without a tenant belongs to nobody "
                            + "and no tenant policy ever matches it")
                    .fix("SELECT count(*) FROM " + t + " WHERE " + col + " IS NULL; -- assign or remove these rows first\n"
                                    + "ALTER TABLE " + t + " ADD CONSTRAINT " + check + " CHECK (" + col + " IS NOT NULL) NOT VALID;\n"
                                    + "ALTER TABLE " + t + " VALIDATE CONSTRAINT " + check + ";\n"
                                    + "ALTER TABLE " + t + " ALTER COLUMN " + col + " SET NOT NULL;\n"
                                    + "ALTER TABLE " + t + " DROP CONSTRAINT " + check + ";",
                            "ALTER TABLE " + t + " ALTER COLUMN " + col + " DROP NOT NULL;")
                    .build());
        }
        return findings;
    }
}
