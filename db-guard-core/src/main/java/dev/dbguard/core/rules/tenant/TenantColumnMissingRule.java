package dev.dbguard.core.rules.tenant;

import dev.dbguard.core.catalog.Column;
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
import dev.dbguard.core.tenancy.TenantModel.ForeignKeyHop;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

@RuleDefinition(id = "tenant-column-missing", severity = Severity.ERROR, section = Section.TENANT_ISOLATION,
        summary = "A table whose rows belong to a tenant through foreign keys has no tenant column of its own")
public final class TenantColumnMissingRule implements SchemaRule {

    @Override
    public List<Finding> check(SchemaContext context) {
        List<Finding> findings = new ArrayList<>();
        String tenantColumn = context.config().tenantColumns().get(0);
        for (Table table : context.tenancy().ownedTables()) {
            if (InheritedFromParent.isPartitionOfKnownTable(context, table)) {
                continue; // the parent's finding and fix cover its partitions
            }
            List<ForeignKeyHop> path = context.tenancy().of(table.name()).pathToTenant();
            ForeignKeyHop first = path.get(0);
            ForeignKeyHop last = path.get(path.size() - 1);
            Table scoped = context.snapshot().table(last.parent()).orElseThrow();
            String scopedColumn = context.tenancy().of(scoped.name()).tenantColumns().get(0);
            String type = scoped.column(scopedColumn).map(Column::type).orElse("bigint");
            String chain = path.stream().map(h -> h.child().name() + "." + String.join("/", h.foreignKey().columns())
                    + " -> " + h.parent().name()).collect(Collectors.joining(", "));

            Constraint fk = first.foreignKey();
            StringBuilder join = new StringBuilder();
            for (int i = 0; i < fk.columns().size(); i++) {
                join.append(i == 0 ? "" : " AND ").append("p.").append(Sql.ident(fk.refColumns().get(i)))
                        .append(" = c.").append(Sql.ident(fk.columns().get(i)));
            }
            String t = table.name().sql();
            String col = Sql.ident(tenantColumn);
            String index = Sql.ident(Fixes.name(table, tenantColumn, "idx"));
            String fix = "ALTER TABLE " + t + " ADD COLUMN " + col + " " + type + ";\n"
                    + (first.parent().equals(scoped.name()) ? "" : "-- first give " + first.parent() + " its "
                    + tenantColumn + " (it has the same finding)\n")
                    + "UPDATE " + t + " c SET " + col + " = p." + Sql.ident(first.parent().equals(scoped.name())
                    ? scopedColumn : tenantColumn) + " FROM " + first.parent().sql() + " p WHERE " + join + ";\n"
                    + "SELECT count(*) FROM " + t + " WHERE " + col + " IS NULL; -- must be 0 before the next step\n"
                    // code of the previous release, still running, inserts without the column: it gets the caller's
                    // tenant, so SET NOT NULL does not break it (not-null-same-release)
                    + "ALTER TABLE " + t + " ALTER COLUMN " + col + " SET DEFAULT current_setting("
                    + Sql.literal(Fixes.tenantSetting(context.config())) + ")::" + type + ";\n"
                    + "ALTER TABLE " + t + " ALTER COLUMN " + col + " SET NOT NULL;\n"
                    + "CREATE INDEX " + index + " ON " + t + " (" + col + ");\n"
                    + Fixes.enableAndForce(table.name()) + "\n"
                    + "CREATE POLICY tenant_isolation ON " + t + " USING ("
                    + Fixes.tenantPredicate(context.config(), tenantColumn, type) + ");";
            String rollback = "DROP POLICY tenant_isolation ON " + t + ";\n"
                    + "ALTER TABLE " + t + " NO FORCE ROW LEVEL SECURITY;\n"
                    + "ALTER TABLE " + t + " DISABLE ROW LEVEL SECURITY;\n"
                    // an index lives in its table's schema: qualified, the rollback runs whatever the search_path
                    + "DROP INDEX " + Sql.ident(table.name().schema()) + "." + index + ";\n"
                    + "ALTER TABLE " + t + " DROP COLUMN " + col + ";";
            findings.add(context.finding(this)
                    .table(table.name())
                    .at(context.sources().tableCreated(table))
                    .message(table.name() + " holds tenant data (" + chain + ") but has no tenant column: "
                            + "row level security cannot tell its tenants apart")
                    .fix(fix, rollback)
                    .build());
        }
        return findings;
    }
}
