package dev.dbguard.core.rules.tenant;

import dev.dbguard.core.catalog.Constraint;
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
import java.util.Optional;

@RuleDefinition(id = "tenant-column-unreferenced", severity = Severity.WARNING, section = Section.TENANT_ISOLATION,
        summary = "A tenant column has no foreign key to the tenants table")
public final class TenantColumnUnreferencedRule implements SchemaRule {

    @Override
    public List<Finding> check(SchemaContext context) {
        Optional<Table> tenants = context.tenancy().tenantTableIfPresent();
        if (tenants.isEmpty()) {
            return List.of();
        }
        String key = Fixes.tenantKey(tenants);
        List<Finding> findings = new ArrayList<>();
        for (InheritedFromParent.TenantColumn judged : InheritedFromParent.tenantColumns(context)) {
            Table table = judged.table();
            String column = judged.column();
            boolean referenced = false;
            for (Constraint fk : table.foreignKeys()) {
                if (tenants.get().name().equals(fk.references()) && fk.columns().contains(column)) {
                    referenced = true;
                    break;
                }
            }
            if (referenced) {
                continue;
            }
            String t = table.name().sql();
            String fkName = Sql.ident(Fixes.name(table, column, "fkey"));
            findings.add(context.finding(this)
                    .table(table.name())
                    .column(column)
                    .at(context.sources().column(table, column))
                    .message(table.name() + "." + column + " has no foreign key to " + tenants.get().name()
                            + ": rows can name a tenant that does not exist")
                    .fix("ALTER TABLE " + t + " ADD CONSTRAINT " + fkName + " FOREIGN KEY (" + Sql.ident(column)
                                    + ") REFERENCES " + tenants.get().name().sql() + " (" + Sql.ident(key) + ") NOT VALID;\n"
                                    + "ALTER TABLE " + t + " VALIDATE CONSTRAINT " + fkName + ";",
                            "ALTER TABLE " + t + " DROP CONSTRAINT " + fkName + ";")
                    .build());
        }
        return findings;
    }
}
