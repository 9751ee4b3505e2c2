package dev.dbguard.core.synthetic;

import dev.dbguard.core.catalog.CatalogSnapshot;
import dev.dbguard.core.catalog.Column;
import dev.dbguard.core.catalog.Table;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What synthetic rows need beyond the {@link CatalogSnapshot}: every column type resolved to its base type
 * (through domains, with their CHECKs; array element types; enum labels), and each partitioned table's key
 * and each partition's bound. Read in batched queries: one per level of type nesting (domains over arrays of
 * domains take a few), one for partition keys, one for bounds; never one per table.
 */
final class SyntheticCatalog {

    /** One row of pg_type. */
    record TypeRow(long oid, String name, char kind, char category, long baseOid, String baseFormatted,
                   long elemOid, List<String> enumLabels, List<String> domainChecks, List<Long> fieldOids,
                   List<String> fieldFormatted) {
    }

    /**
     * A column type resolved to what values it takes.
     *
     * @param base        pg_type.typname of the base type ({@code int4}, {@code varchar}, {@code _text} …)
     * @param formatted   the base type with its modifier as format_type prints it ({@code character varying(40)})
     * @param element     for arrays, the resolved element type, else null
     * @param enumLabels  for enums, the labels in sort order
     * @param checks      CHECK definitions of every domain on the way to the base type
     * @param fields      for composite types, each attribute's resolved type in order, else empty
     */
    record ResolvedType(String base, char category, String formatted, ResolvedType element,
                        List<String> enumLabels, List<String> checks, List<ResolvedType> fields) {
        ResolvedType(String base, char category, String formatted, ResolvedType element, List<String> enumLabels,
                     List<String> checks) {
            this(base, category, formatted, element, enumLabels, checks, List.of());
        }
    }

    /** A user trigger on a table and the function it runs (schema-qualified as regproc prints it). */
    record Trigger(String name, String function, boolean before) {
    }

    /** A partitioned table's key: strategy 'l', 'r' or 'h' and key column names (null for expressions). */
    record PartitionKey(char strategy, List<String> columns) {
    }

    private static final String TYPES = """
            SELECT t.oid, t.typname, t.typtype, t.typcategory, t.typbasetype,
                   CASE WHEN t.typtype = 'd' THEN format_type(t.typbasetype, t.typtypmod) END,
                   CASE WHEN t.typcategory = 'A' THEN t.typelem ELSE 0 END,
                   ARRAY(SELECT e.enumlabel::text FROM pg_enum e WHERE e.enumtypid = t.oid ORDER BY e.enumsortorder),
                   ARRAY(SELECT pg_get_constraintdef(c.oid) FROM pg_constraint c
                         WHERE c.contypid = t.oid AND c.contype = 'c' ORDER BY c.conname),
                   ARRAY(SELECT a.atttypid::bigint FROM pg_attribute a
                         WHERE t.typtype = 'c' AND a.attrelid = t.typrelid AND a.attnum > 0 AND NOT a.attisdropped
                         ORDER BY a.attnum),
                   ARRAY(SELECT format_type(a.atttypid, a.atttypmod) FROM pg_attribute a
                         WHERE t.typtype = 'c' AND a.attrelid = t.typrelid AND a.attnum > 0 AND NOT a.attisdropped
                         ORDER BY a.attnum)
            FROM pg_type t WHERE t.oid = ANY (?)""";

    private static final String TRIGGERS = """
            SELECT tg.tgrelid, tg.tgname::text, p.proname::text, (tg.tgtype & 2) <> 0
            FROM pg_trigger tg JOIN pg_proc p ON p.oid = tg.tgfoid
            WHERE tg.tgrelid = ANY (?) AND NOT tg.tgisinternal AND tg.tgenabled <> 'D'
            ORDER BY tg.tgrelid, tg.tgname""";

    private static final String PARTITION_KEYS = """
            SELECT pt.partrelid, pt.partstrat::text,
                   ARRAY(SELECT a.attname::text FROM unnest(pt.partattrs::int2[]) WITH ORDINALITY k(attnum, ord)
                         LEFT JOIN pg_attribute a ON a.attrelid = pt.partrelid AND a.attnum = k.attnum
                         ORDER BY k.ord)
            FROM pg_partitioned_table pt WHERE pt.partrelid = ANY (?)""";

    private static final String BOUNDS = """
            SELECT c.oid, pg_get_expr(c.relpartbound, c.oid) FROM pg_class c
            WHERE c.oid = ANY (?) AND c.relispartition""";

    final Map<Long, TypeRow> types = new HashMap<>();
    final Map<Long, PartitionKey> partitionKeys = new HashMap<>();
    final Map<Long, String> bounds = new HashMap<>();
    final Map<Long, List<Trigger>> triggers = new HashMap<>();
    private final Map<Long, ResolvedType> resolved = new HashMap<>();

    private SyntheticCatalog() {
    }

    static SyntheticCatalog read(Connection c, CatalogSnapshot snapshot) throws SQLException {
        SyntheticCatalog catalog = new SyntheticCatalog();
        Set<Long> wanted = new LinkedHashSet<>();
        List<Long> all = new ArrayList<>();
        List<Long> partitioned = new ArrayList<>();
        List<Long> partitions = new ArrayList<>();
        for (Table table : snapshot.tables()) {
            all.add(table.oid());
            for (Column column : table.columns()) {
                wanted.add(column.typeOid());
            }
            if (table.isPartitioned()) {
                partitioned.add(table.oid());
            }
            if (table.isPartition()) {
                partitions.add(table.oid());
            }
        }
        // each round reads the types the previous one named (domain bases, array elements): a handful of rounds
        while (!wanted.isEmpty()) {
            Set<Long> next = new HashSet<>();
            query(c, TYPES, wanted.toArray(), rs -> {
                TypeRow row = new TypeRow(rs.getLong(1), rs.getString(2), rs.getString(3).charAt(0),
                        rs.getString(4).charAt(0), rs.getLong(5), rs.getString(6), rs.getLong(7),
                        strings(rs.getArray(8)), strings(rs.getArray(9)), longs(rs.getArray(10)),
                        strings(rs.getArray(11)));
                catalog.types.put(row.oid(), row);
                next.addAll(row.fieldOids());
                if (row.baseOid() != 0) {
                    next.add(row.baseOid());
                }
                if (row.elemOid() != 0) {
                    next.add(row.elemOid());
                }
            });
            next.removeAll(catalog.types.keySet());
            wanted = next;
        }
        if (!partitioned.isEmpty()) {
            query(c, PARTITION_KEYS, partitioned.toArray(), rs -> catalog.partitionKeys.put(rs.getLong(1),
                    new PartitionKey(rs.getString(2).charAt(0), strings(rs.getArray(3)))));
        }
        if (!partitions.isEmpty()) {
            query(c, BOUNDS, partitions.toArray(), rs -> catalog.bounds.put(rs.getLong(1), rs.getString(2)));
        }
        if (!all.isEmpty()) {
            query(c, TRIGGERS, all.toArray(), rs -> catalog.triggers.computeIfAbsent(rs.getLong(1),
                    k -> new ArrayList<>()).add(new Trigger(rs.getString(2), rs.getString(3), rs.getBoolean(4))));
        }
        return catalog;
    }

    /** The column's type resolved through domains; {@code columnFormatted} is the column's own format_type. */
    ResolvedType resolve(long typeOid, String columnFormatted) {
        ResolvedType type = resolve(typeOid);
        if (type == null) {
            return new ResolvedType("unknown", 'X', columnFormatted, null, List.of(), List.of());
        }
        TypeRow row = types.get(typeOid);
        // a column of a plain type carries its own modifier (varchar(40)); a domain carries the domain's
        return row != null && row.kind() == 'd' ? type
                : new ResolvedType(type.base(), type.category(), columnFormatted, type.element(), type.enumLabels(),
                type.checks(), type.fields());
    }

    private ResolvedType resolve(long oid) {
        ResolvedType known = resolved.get(oid);
        if (known != null) {
            return known;
        }
        TypeRow row = types.get(oid);
        if (row == null) {
            return null;
        }
        ResolvedType result;
        if (row.kind() == 'd') {
            ResolvedType base = resolve(row.baseOid());
            if (base == null) {
                return null;
            }
            List<String> checks = new ArrayList<>(row.domainChecks());
            checks.addAll(base.checks());
            result = new ResolvedType(base.base(), base.category(), row.baseFormatted(), base.element(),
                    base.enumLabels(), List.copyOf(checks), base.fields());
        } else if (row.kind() == 'c') {
            resolved.put(oid, new ResolvedType(row.name(), 'C', row.name(), null, List.of(), List.of()));
            List<ResolvedType> fields = new ArrayList<>();
            for (int k = 0; k < row.fieldOids().size(); k++) {
                fields.add(resolve(row.fieldOids().get(k), row.fieldFormatted().get(k)));
            }
            result = new ResolvedType(row.name(), 'C', row.name(), null, List.of(), List.of(), List.copyOf(fields));
        } else if (row.category() == 'A' && row.elemOid() != 0) {
            ResolvedType element = resolve(row.elemOid());
            result = new ResolvedType(row.name(), 'A', row.name(), element, List.of(), List.of());
        } else {
            result = new ResolvedType(row.name(), row.category(), row.name(), null, row.enumLabels(), List.of());
        }
        resolved.put(oid, result);
        return result;
    }

    @FunctionalInterface
    private interface RowHandler {
        void handle(ResultSet rs) throws SQLException;
    }

    private static void query(Connection c, String sql, Object[] oids, RowHandler handler) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            Array array = c.createArrayOf("oid", oids);
            ps.setArray(1, array);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    handler.handle(rs);
                }
            }
        }
    }

    private static List<Long> longs(Array array) throws SQLException {
        if (array == null) {
            return List.of();
        }
        List<Long> result = new ArrayList<>();
        for (Object value : (Object[]) array.getArray()) {
            result.add(((Number) value).longValue());
        }
        return List.copyOf(result);
    }

    private static List<String> strings(Array array) throws SQLException {
        if (array == null) {
            return List.of();
        }
        Object[] values = (Object[]) array.getArray();
        return List.copyOf(Arrays.asList(Arrays.copyOf(values, values.length, String[].class)));
    }
}
