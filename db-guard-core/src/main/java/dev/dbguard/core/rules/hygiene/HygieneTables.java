package dev.dbguard.core.rules.hygiene;

import dev.dbguard.core.catalog.CatalogSnapshot;
import dev.dbguard.core.catalog.Column;
import dev.dbguard.core.catalog.Constraint;
import dev.dbguard.core.catalog.Index;
import dev.dbguard.core.catalog.Table;
import dev.dbguard.core.rules.SchemaContext;
import dev.dbguard.core.tenancy.TenantModel;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The facts the schema hygiene rules judge, shared with the health matrix so both read the catalogue the same way.
 * A partition of a table in the snapshot is not judged on its own: its columns, foreign keys and indexes are its
 * parent's.
 */
public final class HygieneTables {

    /** Synonym groups of docs/RULES.md, section 7: columns of one group in one table drift apart. */
    public static final List<List<String>> SYNONYMS = List.of(
            List.of("label", "nickname", "display_name", "alias"),
            List.of("created_at", "created_on", "inserted_at", "creation_date"),
            List.of("updated_at", "modified_at", "updated_on", "last_modified_at"),
            List.of("deleted_at", "removed_at"));

    /** {@code format_type} of a scalar {@code timestamp}, with or without a precision. */
    private static final Pattern TIMESTAMP = Pattern.compile("timestamp(?:\\(\\d+\\))? without time zone");

    private HygieneTables() {
    }

    /** Tables of the judged schemas, without migration tools' history tables and partitions of known tables. */
    static List<Table> judged(SchemaContext context) {
        return judged(context.snapshot(), context.config().schemas());
    }

    public static List<Table> judged(CatalogSnapshot snapshot, List<String> schemas) {
        Set<String> judgedSchemas = Set.copyOf(schemas);
        return snapshot.tables().stream()
                .filter(t -> judgedSchemas.contains(t.name().schema()))
                .filter(t -> !TenantModel.isToolTable(t.name().name()))
                .filter(t -> !isPartitionOfKnownTable(snapshot, t))
                .toList();
    }

    /** Judged tables that are tenant tables. */
    static List<Table> tenantTables(SchemaContext context) {
        return judged(context).stream().filter(t -> context.tenancy().isTenantTable(t.name())).toList();
    }

    public static boolean isPartitionOfKnownTable(CatalogSnapshot snapshot, Table table) {
        return table.isPartition() && snapshot.table(table.partitionOf()).isPresent();
    }

    /** The columns of {@code table} of each synonym group it holds two or more of, in table order. */
    public static List<List<String>> synonymColumns(Table table) {
        List<List<String>> drifting = new ArrayList<>();
        for (List<String> group : SYNONYMS) {
            List<String> present = table.columns().stream().map(Column::name).filter(group::contains).toList();
            if (present.size() >= 2) {
                drifting.add(present);
            }
        }
        return drifting;
    }

    /** Foreign keys of {@code table} whose columns are not the leading columns, in any order, of a usable index. */
    public static List<Constraint> unindexedForeignKeys(Table table) {
        List<Constraint> unindexed = new ArrayList<>();
        for (Constraint fk : table.foreignKeys()) {
            if (!fk.columns().isEmpty() && table.indexes().stream().noneMatch(i -> leads(i, fk.columns()))) {
                unindexed.add(fk);
            }
        }
        return unindexed;
    }

    /**
     * True when the index's first columns are exactly {@code columns} in some order: a lookup by all of them can
     * use it. A partial index serves only queries that repeat its WHERE, which a foreign key check does not.
     */
    private static boolean leads(Index index, List<String> columns) {
        if (!index.valid() || index.predicate() != null || index.columns().size() < columns.size()) {
            return false;
        }
        Set<String> leading = new HashSet<>();
        for (String column : index.columns().subList(0, columns.size())) {
            if (column == null) {
                return false; // an expression key
            }
            leading.add(column);
        }
        return leading.equals(new HashSet<>(columns));
    }

    /** Columns of {@code table} of type {@code timestamp without time zone}. */
    public static List<Column> timestampsWithoutTimeZone(Table table) {
        return table.columns().stream().filter(c -> TIMESTAMP.matcher(c.type()).matches()).toList();
    }
}
