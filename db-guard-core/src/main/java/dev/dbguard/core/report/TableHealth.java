package dev.dbguard.core.report;

import dev.dbguard.core.api.Finding;
import dev.dbguard.core.api.Severity;
import dev.dbguard.core.catalog.CatalogSnapshot;
import dev.dbguard.core.catalog.Column;
import dev.dbguard.core.catalog.Constraint;
import dev.dbguard.core.catalog.Table;
import dev.dbguard.core.rules.hygiene.HygieneTables;
import dev.dbguard.core.tenancy.TenantModel;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One row of the schema health matrix: what the final catalogue says about one judged table, and how many
 * unsuppressed findings name it. Computed once after the run, so reports show facts, not re-derived guesses.
 *
 * @param table        schema-qualified name, as findings name it
 * @param tenancy      {@code tenant-scoped}, {@code tenant-owned}, {@code global} or {@code unrelated} (docs/RULES.md)
 * @param rows         rows when the catalogue was read (migrations that insert seed data leave some)
 * @param columns      number of columns
 * @param tenantColumn the table's (first) tenant column, or null when it has none
 * @param rlsEnabled   ROW LEVEL SECURITY enabled
 * @param rlsForced    FORCE ROW LEVEL SECURITY set (the owner is bound too)
 * @param policies     number of RLS policies on the table
 * @param createdAt    has a {@code created_at} column
 * @param updatedAt    has an {@code updated_at} column
 * @param softDelete   has a {@code deleted_at} column
 * @param unindexedForeignKeys       foreign keys no index, primary key or unique constraint leads with (docs/RULES.md, section 7)
 * @param timestampsWithoutTimeZone  columns of type {@code timestamp without time zone}
 * @param synonymColumns             per synonym group the table holds two or more of, its columns ({@code label, nickname})
 * @param findings     unsuppressed findings naming the table, by severity name, every severity present
 */
public record TableHealth(
        String table,
        String tenancy,
        long rows,
        int columns,
        TenantColumn tenantColumn,
        boolean rlsEnabled,
        boolean rlsForced,
        int policies,
        boolean createdAt,
        boolean updatedAt,
        boolean softDelete,
        List<String> unindexedForeignKeys,
        List<String> timestampsWithoutTimeZone,
        List<String> synonymColumns,
        Map<String, Integer> findings) {

    /**
     * @param name              column name
     * @param notNull           no row can hold NULL (NOT NULL, or a validated CHECK proving it)
     * @param referencesTenants a foreign key over the column references the tenants table
     * @param indexed           a valid, non-partial index starts with the column (what a policy check can use)
     */
    public record TenantColumn(String name, boolean notNull, boolean referencesTenants, boolean indexed) {
    }

    public TableHealth {
        unindexedForeignKeys = List.copyOf(unindexedForeignKeys);
        timestampsWithoutTimeZone = List.copyOf(timestampsWithoutTimeZone);
        synonymColumns = List.copyOf(synonymColumns);
        findings = Map.copyOf(findings);
    }

    /** Every table of the judged {@code schemas} in {@code snapshot}, by name. */
    public static List<TableHealth> of(CatalogSnapshot snapshot, TenantModel tenancy, List<String> schemas,
                                       List<Finding> allFindings) {
        Set<String> judgedSchemas = Set.copyOf(schemas);
        List<TableHealth> rows = new ArrayList<>();
        for (Table table : snapshot.tables()) {
            if (judgedSchemas.contains(table.name().schema())) {
                rows.add(of(table, tenancy, allFindings));
            }
        }
        rows.sort(Comparator.comparing(TableHealth::table));
        return List.copyOf(rows);
    }

    static TableHealth of(Table table, TenantModel tenancy, List<Finding> allFindings) {
        TenantModel.TableTenancy kind = tenancy.of(table.name());
        TenantColumn tenantColumn = kind.tenantColumns().isEmpty() ? null
                : tenantColumn(table, kind.tenantColumns().get(0), tenancy);
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (Severity severity : Severity.values()) {
            counts.put(severity.name(), 0);
        }
        String name = table.name().toString();
        for (Finding finding : allFindings) {
            if (!finding.suppressed() && name.equals(finding.table())) {
                counts.merge(finding.severity().name(), 1, Integer::sum);
            }
        }
        return new TableHealth(name, label(kind.kind()), table.rowCount(), table.columns().size(), tenantColumn,
                table.rlsEnabled(), table.rlsForced(), table.policies().size(),
                hasColumn(table, "created_at"), hasColumn(table, "updated_at"), hasColumn(table, "deleted_at"),
                HygieneTables.unindexedForeignKeys(table).stream().map(Constraint::name).toList(),
                HygieneTables.timestampsWithoutTimeZone(table).stream().map(Column::name).toList(),
                HygieneTables.synonymColumns(table).stream().map(group -> String.join(", ", group)).toList(),
                counts);
    }

    /** Unsuppressed findings of {@code severity} naming this table. */
    public int count(Severity severity) {
        return findings.getOrDefault(severity.name(), 0);
    }

    /** The worst severity among this table's findings, or null when it has none. */
    public Severity worst() {
        for (Severity severity : Severity.values()) {
            if (count(severity) > 0) {
                return severity;
            }
        }
        return null;
    }

    private static TenantColumn tenantColumn(Table table, String column, TenantModel tenancy) {
        boolean referenced = false;
        for (Constraint fk : table.foreignKeys()) {
            if (tenancy.tenantTable().equals(fk.references()) && fk.columns().contains(column)) {
                referenced = true;
                break;
            }
        }
        // a partial index serves only queries that repeat its WHERE, and a policy check is not one of them
        boolean indexed = table.indexes().stream().anyMatch(i -> i.valid() && i.predicate() == null
                && i.startsWith(column));
        return new TenantColumn(column, table.rejectsNull(column), referenced, indexed);
    }

    private static boolean hasColumn(Table table, String name) {
        return table.columns().stream().map(Column::name).anyMatch(name::equals);
    }

    private static String label(TenantModel.Kind kind) {
        return switch (kind) {
            case SCOPED -> "tenant-scoped";
            case OWNED -> "tenant-owned";
            case GLOBAL -> "global";
            case UNRELATED -> "unrelated";
        };
    }
}
