package dev.dbguard.core.rules.rls;

import dev.dbguard.core.catalog.Constraint;
import dev.dbguard.core.catalog.Index;
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
import java.util.Objects;
import java.util.Optional;

@RuleDefinition(id = "unique-not-tenant-scoped", severity = Severity.WARNING, section = Section.ROW_LEVEL_SECURITY,
        summary = "A unique constraint or index on a tenant table leaves out the tenant column")
public final class UniqueNotTenantScopedRule implements SchemaRule {

    @Override
    public List<Finding> check(SchemaContext context) {
        List<Finding> findings = new ArrayList<>();
        for (Table table : context.tenancy().scopedTables()) {
            if (table.isPartition() && context.snapshot().table(table.partitionOf()).isPresent()) {
                continue; // unique indexes of a partitioned table are judged on the parent
            }
            List<String> tenantColumns = context.tenancy().of(table.name()).tenantColumns();
            for (Index index : table.indexes()) {
                if (!index.unique() || (index.primary() && isSurrogateKey(table, index))) {
                    continue; // a single-column surrogate primary key is unique across tenants by design
                }
                if (index.columns().stream().filter(Objects::nonNull).anyMatch(tenantColumns::contains)) {
                    continue;
                }
                findings.add(finding(context, table, index, tenantColumns.get(0)));
            }
        }
        return findings;
    }

    /**
     * A generated or meaningless key: one column that is an identity, has a default (a sequence, a UUID
     * generator), or is an integer or uuid the application generates. A natural key such as an e-mail is not.
     */
    private static boolean isSurrogateKey(Table table, Index index) {
        if (index.columns().size() != 1 || index.columns().get(0) == null) {
            return false;
        }
        return table.column(index.columns().get(0)).map(c -> c.identity() != '\0' || c.defaultExpr() != null
                || SURROGATE_TYPES.contains(c.type())).orElse(false);
    }

    private static final java.util.Set<String> SURROGATE_TYPES = java.util.Set.of("smallint", "integer", "bigint", "uuid");

    private Finding finding(SchemaContext context, Table table, Index index, String tenantColumn) {
        String t = table.name().sql();
        Optional<Constraint> constraint = table.constraints().stream()
                .filter(c -> c.name().equals(index.name())
                        && (c.type() == Constraint.Type.UNIQUE || c.type() == Constraint.Type.PRIMARY_KEY))
                .findFirst();
        List<String> newColumns = new ArrayList<>(List.of(tenantColumn));
        newColumns.addAll(index.columns());
        String fix;
        String rollback;
        boolean plainColumns = index.columns().stream().allMatch(Objects::nonNull);
        if (constraint.isPresent() && plainColumns) {
            String kind = constraint.get().type() == Constraint.Type.PRIMARY_KEY ? "PRIMARY KEY" : "UNIQUE";
            String name = Sql.ident(index.name());
            fix = "ALTER TABLE " + t + " DROP CONSTRAINT " + name + ";\n"
                    + "ALTER TABLE " + t + " ADD CONSTRAINT " + name + " " + kind + " (" + Fixes.joinColumns(newColumns) + ");";
            rollback = "ALTER TABLE " + t + " DROP CONSTRAINT " + name + ";\n"
                    + "ALTER TABLE " + t + " ADD CONSTRAINT " + name + " " + constraint.get().definition() + ";";
        } else if (plainColumns) {
            String name = Sql.ident(Fixes.name(table, String.join("_", newColumns), "key"));
            String old = Sql.ident(table.name().schema()) + "." + Sql.ident(index.name());
            fix = "CREATE UNIQUE INDEX CONCURRENTLY " + name + " ON " + t + " (" + Fixes.joinColumns(newColumns) + ")"
                    + (index.predicate() == null ? "" : " WHERE " + index.predicate()) + ";\n"
                    + "DROP INDEX CONCURRENTLY " + old + ";";
            rollback = index.definition() + ";\n"
                    + "DROP INDEX " + Sql.ident(table.name().schema()) + "." + name + ";";
        } else {
            fix = "-- recreate the index with " + tenantColumn + " as its first key:\n-- " + index.definition();
            rollback = index.definition() + ";";
        }
        return context.finding(this)
                .table(table.name())
                .column(String.join(", ", index.columns().stream().map(c -> c == null ? "<expression>" : c).toList()))
                .object(index.name())
                .at(context.sources().constraintOrIndex(table, index.name()))
                .message("unique " + (constraint.isPresent() ? "constraint " : "index ") + index.name() + " on "
                        + table.name() + " (" + Fixes.joinColumns(index.columns()) + ") leaves out " + tenantColumn
                        + ": a tenant cannot use a value another tenant holds, and learns that it is taken")
                .fix(fix, rollback)
                .build();
    }
}
