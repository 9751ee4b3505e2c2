package dev.dbguard.core.catalog;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a {@link CatalogSnapshot} in nine batched queries, one per kind of object, never one per table, in one
 * REPEATABLE READ read-only transaction so the parts agree; then exact row counts, one query per 500 tables.
 * Objects that belong to an extension (PostGIS's {@code spatial_ref_sys}, pgcrypto's functions) are left out:
 * the project's migrations did not write them.
 */
public final class CatalogReader {

    private static final String NOT_EXTENSION_MEMBER = """
            NOT EXISTS (SELECT 1 FROM pg_depend e
                        WHERE e.classid = '%s'::regclass AND e.objid = %s AND e.deptype = 'e')""";

    private static final String RELATIONS = """
            SELECT c.oid, n.nspname, c.relname, c.relkind, pg_get_userbyid(c.relowner) AS owner,
                   c.relrowsecurity, c.relforcerowsecurity, pn.nspname AS parent_schema, pc.relname AS parent_name
            FROM pg_class c
            JOIN pg_namespace n ON n.oid = c.relnamespace
            LEFT JOIN pg_inherits i ON i.inhrelid = c.oid AND c.relispartition
            LEFT JOIN pg_class pc ON pc.oid = i.inhparent
            LEFT JOIN pg_namespace pn ON pn.oid = pc.relnamespace
            WHERE c.relkind IN ('r', 'p') AND (n.nspname = ANY (?) OR c.oid = to_regclass(?)) AND %s
            ORDER BY n.nspname, c.relname""".formatted(NOT_EXTENSION_MEMBER.formatted("pg_class", "c.oid"));

    private static final String TABLE_FILTER = """
            JOIN pg_class c ON c.oid = %s
            JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind IN ('r', 'p') AND (n.nspname = ANY (?) OR c.oid = to_regclass(?))""";

    private static final String COLUMNS = """
            SELECT a.attrelid, a.attname, a.attnum, format_type(a.atttypid, a.atttypmod), a.atttypid, a.attnotnull,
                   coalesce(pg_get_expr(d.adbin, d.adrelid), pg_get_expr(dom.typdefaultbin, 0)),
                   a.attidentity, a.attgenerated,
                   CASE WHEN d.adbin IS NULL AND dom.typdefaultbin IS NOT NULL THEN format_type(dom.oid, NULL) END
            FROM pg_attribute a
            LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
            LEFT JOIN pg_type dom ON dom.oid = a.atttypid AND dom.typtype = 'd'
            %s AND a.attnum > 0 AND NOT a.attisdropped
            ORDER BY a.attrelid, a.attnum""".formatted(TABLE_FILTER.formatted("a.attrelid"));

    private static final String CONSTRAINTS = """
            SELECT con.conrelid, con.conname, con.contype,
                   ARRAY(SELECT a.attname FROM unnest(con.conkey) WITH ORDINALITY k(attnum, ord)
                         JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum ORDER BY k.ord),
                   fn.nspname, fc.relname,
                   ARRAY(SELECT a.attname FROM unnest(con.confkey) WITH ORDINALITY k(attnum, ord)
                         JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum ORDER BY k.ord),
                   pg_get_constraintdef(con.oid), con.convalidated
            FROM pg_constraint con
            LEFT JOIN pg_class fc ON fc.oid = con.confrelid
            LEFT JOIN pg_namespace fn ON fn.oid = fc.relnamespace
            %s
              -- a foreign key to a partitioned table gets a hidden copy per referenced partition: not a key of its own
              AND NOT EXISTS (SELECT 1 FROM pg_constraint parent
                              WHERE parent.oid = con.conparentid AND parent.conrelid = con.conrelid)
            ORDER BY con.conrelid, con.conname""".formatted(TABLE_FILTER.formatted("con.conrelid"));

    private static final String INDEXES = """
            SELECT i.indrelid, ic.relname,
                   ARRAY(SELECT a.attname FROM unnest(i.indkey::int2[]) WITH ORDINALITY k(attnum, ord)
                         LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
                         WHERE k.ord <= i.indnkeyatts ORDER BY k.ord),
                   i.indisunique, i.indisprimary, pg_get_expr(i.indpred, i.indrelid), pg_get_indexdef(i.indexrelid),
                   i.indisvalid
            FROM pg_index i
            JOIN pg_class ic ON ic.oid = i.indexrelid
            %s
            ORDER BY i.indrelid, ic.relname""".formatted(TABLE_FILTER.formatted("i.indrelid"));

    private static final String POLICIES = """
            SELECT p.oid, p.polrelid, p.polname, p.polcmd::text, p.polpermissive,
                   ARRAY(SELECT CASE WHEN r = 0 THEN 'public' ELSE pg_get_userbyid(r) END
                         FROM unnest(p.polroles) r ORDER BY 1),
                   pg_get_expr(p.polqual, p.polrelid), pg_get_expr(p.polwithcheck, p.polrelid)
            FROM pg_policy p
            %s
            ORDER BY p.polrelid, p.polname""".formatted(TABLE_FILTER.formatted("p.polrelid"));

    /**
     * Exact row counts of a batch of tables in one round trip: the server loops, not the client. Each count takes
     * a lock until the transaction ends, so batches run in transactions of their own (a single transaction over
     * thousands of tables exhausts max_locks_per_transaction).
     */
    private static final String ROW_COUNTS = """
            SELECT c.oid,
                   (xpath('/row/n/text()',
                          query_to_xml(format('SELECT count(*) AS n FROM ONLY %I.%I', n.nspname, c.relname),
                                       false, true, '')))[1]::text::bigint
            FROM pg_class c
            JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE c.oid = ANY (?) AND c.relkind = 'r'""";

    private static final int ROW_COUNT_BATCH = 500;

    private static final String PRIVILEGES = """
            SELECT n.nspname, c.relname,
                   CASE WHEN a.grantee = 0 THEN 'public' ELSE pg_get_userbyid(a.grantee) END, a.privilege_type
            FROM pg_class c
            JOIN pg_namespace n ON n.oid = c.relnamespace
            CROSS JOIN LATERAL aclexplode(coalesce(c.relacl, acldefault('r', c.relowner))) a
            WHERE c.relkind IN ('r', 'p', 'v', 'm') AND n.nspname = ANY (?)
            ORDER BY 1, 2, 3, 4""";

    /** Tables a view's rewrite rule, or a function, depends on: two arrays in the same order. */
    private static final String DEPENDENCIES = """
            LEFT JOIN LATERAL (
                SELECT array_agg(x.s ORDER BY x.s, x.r) AS dep_schemas, array_agg(x.r ORDER BY x.s, x.r) AS dep_names
                FROM (SELECT DISTINCT dn.nspname AS s, dc.relname AS r
                      FROM pg_depend d
                      JOIN pg_class dc ON dc.oid = d.refobjid
                      JOIN pg_namespace dn ON dn.oid = dc.relnamespace
                      WHERE d.refclassid = 'pg_class'::regclass AND %s
                            AND dc.relkind IN ('r', 'p', 'v', 'm', 'f')) x
            ) deps ON true""";

    private static final String VIEWS = """
            SELECT v.oid, n.nspname, v.relname, pg_get_userbyid(v.relowner), v.relkind = 'm',
                   (SELECT option_value FROM pg_options_to_table(v.reloptions) WHERE option_name = 'security_invoker'),
                   (SELECT option_value FROM pg_options_to_table(v.reloptions) WHERE option_name = 'security_barrier'),
                   deps.dep_schemas, deps.dep_names, pg_get_viewdef(v.oid)
            FROM pg_class v
            JOIN pg_namespace n ON n.oid = v.relnamespace
            %s
            WHERE v.relkind IN ('v', 'm') AND n.nspname = ANY (?) AND %s
            ORDER BY n.nspname, v.relname""".formatted(
            DEPENDENCIES.formatted("""
                    d.classid = 'pg_rewrite'::regclass AND d.refobjid <> v.oid
                    AND d.objid IN (SELECT rw.oid FROM pg_rewrite rw WHERE rw.ev_class = v.oid)"""),
            NOT_EXTENSION_MEMBER.formatted("pg_class", "v.oid"));

    private static final String FUNCTIONS = """
            SELECT p.oid, n.nspname, p.proname, p.oid::regprocedure::text, pg_get_userbyid(p.proowner), l.lanname,
                   p.prosecdef, coalesce(p.proconfig, '{}'::text[]), p.prosrc, deps.dep_schemas, deps.dep_names
            FROM pg_proc p
            JOIN pg_namespace n ON n.oid = p.pronamespace
            JOIN pg_language l ON l.oid = p.prolang
            %s
            WHERE p.prokind IN ('f', 'p') AND n.nspname = ANY (?) AND %s
            ORDER BY n.nspname, p.proname, p.oid""".formatted(
            DEPENDENCIES.formatted("d.classid = 'pg_proc'::regclass AND d.objid = p.oid"),
            NOT_EXTENSION_MEMBER.formatted("pg_proc", "p.oid"));

    private static final String ROLES = """
            SELECT r.rolname, r.rolsuper, r.rolbypassrls, r.rolcanlogin, r.rolinherit,
                   ARRAY(SELECT g.rolname FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid
                         WHERE m.member = r.oid ORDER BY g.rolname),
                   ARRAY(SELECT %s FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid
                         WHERE m.member = r.oid ORDER BY g.rolname),
                   ARRAY(SELECT %s FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid
                         WHERE m.member = r.oid ORDER BY g.rolname)
            FROM pg_roles r
            WHERE r.rolname !~ '^pg_'
            ORDER BY r.rolname""";

    private CatalogReader() {
    }

    /** Reads the snapshot of {@code schemas}. Leaves the connection's auto-commit setting as it found it. */
    public static CatalogSnapshot read(Connection connection, List<String> schemas) throws SQLException {
        return read(connection, schemas, null);
    }

    /**
     * Reads the snapshot of {@code schemas}, plus one more table outside them when {@code alsoTable} names one
     * (the tenants table may live in a schema that is not judged).
     */
    public static CatalogSnapshot read(Connection connection, List<String> schemas, String alsoTable)
            throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        if (!autoCommit) {
            throw new IllegalStateException("CatalogReader needs a connection outside a transaction");
        }
        connection.setAutoCommit(false);
        try {
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            connection.setReadOnly(true);
            CatalogSnapshot snapshot = readInTransaction(connection, schemas, alsoTable);
            connection.commit();
            connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            return withRowCounts(connection, snapshot);
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setReadOnly(false);
            connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            connection.setAutoCommit(true);
        }
    }

    /**
     * Exact row counts of the plain tables (and partitions) among {@code tableOids}, by oid, each table counted
     * alone ({@code ONLY}); partitioned parents and other relations get no entry. Counted in batches of
     * {@value #ROW_COUNT_BATCH} tables, each in a transaction of its own.
     */
    public static Map<Long, Long> rowCounts(Connection c, List<Long> tableOids) throws SQLException {
        Map<Long, Long> counts = new HashMap<>();
        for (int from = 0; from < tableOids.size(); from += ROW_COUNT_BATCH) {
            List<Long> batch = tableOids.subList(from, Math.min(tableOids.size(), from + ROW_COUNT_BATCH));
            Array oids = c.createArrayOf("oid", batch.toArray());
            query(c, ROW_COUNTS, new Object[] {oids}, rs -> counts.put(rs.getLong(1), rs.getLong(2)));
            if (!c.getAutoCommit()) {
                c.commit();
            }
        }
        return counts;
    }

    /** The snapshot with exact row counts. */
    private static CatalogSnapshot withRowCounts(Connection c, CatalogSnapshot snapshot) throws SQLException {
        List<Table> tables = snapshot.tables();
        Map<Long, Long> counts = rowCounts(c, tables.stream().map(Table::oid).toList());
        List<Table> counted = new ArrayList<>(tables.size());
        for (Table t : tables) {
            counted.add(new Table(t.oid(), t.name(), t.kind(), t.owner(), t.rlsEnabled(), t.rlsForced(),
                    t.partitionOf(), counts.getOrDefault(t.oid(), 0L), t.columns(), t.constraints(), t.indexes(),
                    t.policies()));
        }
        return new CatalogSnapshot(snapshot.serverVersion(), counted, snapshot.views(), snapshot.functions(),
                snapshot.roles(), snapshot.privileges());
    }

    private static CatalogSnapshot readInTransaction(Connection c, List<String> schemas, String alsoTable)
            throws SQLException {
        Array schemaArray = c.createArrayOf("text", schemas.toArray());
        Object[] tableFilter = {schemaArray, alsoTable};
        String serverVersion;
        int versionNum;
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT current_setting('server_version'), current_setting('server_version_num')::int");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            serverVersion = rs.getString(1).split(" ")[0];
            versionNum = rs.getInt(2);
        }

        Map<Long, List<Column>> columns = new HashMap<>();
        query(c, COLUMNS, tableFilter, rs -> columns.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(
                new Column(rs.getString(2), rs.getInt(3), rs.getString(4), rs.getLong(5), rs.getBoolean(6),
                        rs.getString(7), charOf(rs.getString(8)), "s".equals(rs.getString(9)), rs.getString(10))));

        Map<Long, List<Constraint>> constraints = new HashMap<>();
        query(c, CONSTRAINTS, tableFilter, rs -> {
            String refSchema = rs.getString(5);
            QualifiedName ref = refSchema == null ? null : new QualifiedName(refSchema, rs.getString(6));
            constraints.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(new Constraint(
                    rs.getString(2), Constraint.Type.of(rs.getString(3)), strings(rs.getArray(4)), ref,
                    strings(rs.getArray(7)), rs.getString(8), rs.getBoolean(9)));
        });

        Map<Long, List<Index>> indexes = new HashMap<>();
        query(c, INDEXES, tableFilter, rs -> indexes.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(
                new Index(rs.getString(2), strings(rs.getArray(3)), rs.getBoolean(4), rs.getBoolean(5),
                        rs.getString(6), rs.getString(7), rs.getBoolean(8))));

        Map<Long, List<Policy>> policies = new HashMap<>();
        query(c, POLICIES, tableFilter, rs -> policies.computeIfAbsent(rs.getLong(2), k -> new ArrayList<>()).add(
                new Policy(rs.getLong(1), rs.getString(3), Policy.Command.of(rs.getString(4).charAt(0)),
                        rs.getBoolean(5), strings(rs.getArray(6)), rs.getString(7), rs.getString(8))));

        List<Table> tables = new ArrayList<>();
        query(c, RELATIONS, tableFilter, rs -> {
            long oid = rs.getLong(1);
            String parentSchema = rs.getString(8);
            tables.add(new Table(oid, new QualifiedName(rs.getString(2), rs.getString(3)),
                    rs.getString(4).charAt(0), rs.getString(5), rs.getBoolean(6), rs.getBoolean(7),
                    parentSchema == null ? null : new QualifiedName(parentSchema, rs.getString(9)),
                    0L,
                    columns.getOrDefault(oid, List.of()), constraints.getOrDefault(oid, List.of()),
                    indexes.getOrDefault(oid, List.of()), policies.getOrDefault(oid, List.of())));
        });

        List<TablePrivilege> privileges = new ArrayList<>();
        query(c, PRIVILEGES, new Object[] {schemaArray}, rs -> privileges.add(new TablePrivilege(
                new QualifiedName(rs.getString(1), rs.getString(2)), rs.getString(3), rs.getString(4))));

        List<View> views = new ArrayList<>();
        query(c, VIEWS, new Object[] {schemaArray}, rs -> views.add(new View(rs.getLong(1),
                new QualifiedName(rs.getString(2), rs.getString(3)), rs.getString(4), rs.getBoolean(5),
                isTrue(rs.getString(6)), isTrue(rs.getString(7)), names(rs.getArray(8), rs.getArray(9)),
                rs.getString(10))));

        List<Function> functions = new ArrayList<>();
        query(c, FUNCTIONS, new Object[] {schemaArray}, rs -> functions.add(new Function(rs.getLong(1),
                new QualifiedName(rs.getString(2), rs.getString(3)), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getBoolean(7), strings(rs.getArray(8)), rs.getString(9),
                names(rs.getArray(10), rs.getArray(11)))));

        // PostgreSQL 16 made inheritance and SET ROLE properties of each membership; before, inheritance was the
        // member role's and SET ROLE always allowed
        String inheritExpr = versionNum >= 160000 ? "m.inherit_option" : "r.rolinherit";
        String setExpr = versionNum >= 160000 ? "m.set_option" : "true";
        List<Role> roles = new ArrayList<>();
        query(c, ROLES.formatted(inheritExpr, setExpr), new Object[0], rs -> {
            List<String> groups = strings(rs.getArray(6));
            Boolean[] inherits = (Boolean[]) rs.getArray(7).getArray();
            Boolean[] canSet = (Boolean[]) rs.getArray(8).getArray();
            List<Role.Membership> memberships = new ArrayList<>();
            for (int i = 0; i < groups.size(); i++) {
                memberships.add(new Role.Membership(groups.get(i), Boolean.TRUE.equals(inherits[i]),
                        Boolean.TRUE.equals(canSet[i])));
            }
            roles.add(new Role(rs.getString(1), rs.getBoolean(2), rs.getBoolean(3), rs.getBoolean(4),
                    rs.getBoolean(5), memberships));
        });

        return new CatalogSnapshot(serverVersion, tables, views, functions, roles, privileges);
    }

    @FunctionalInterface
    private interface RowHandler {
        void handle(ResultSet rs) throws SQLException;
    }

    private static void query(Connection c, String sql, Object[] parameters, RowHandler handler) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                if (parameters[i] instanceof Array array) {
                    ps.setArray(i + 1, array);
                } else {
                    ps.setString(i + 1, (String) parameters[i]);
                }
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    handler.handle(rs);
                }
            }
        }
    }

    private static List<String> strings(Array array) throws SQLException {
        if (array == null) {
            return List.of();
        }
        Object[] values = (Object[]) array.getArray();
        return java.util.Collections.unmodifiableList(Arrays.asList(Arrays.copyOf(values, values.length, String[].class)));
    }

    private static List<QualifiedName> names(Array schemas, Array names) throws SQLException {
        List<String> s = strings(schemas);
        List<String> n = strings(names);
        List<QualifiedName> result = new ArrayList<>(s.size());
        for (int i = 0; i < s.size(); i++) {
            result.add(new QualifiedName(s.get(i), n.get(i)));
        }
        return result;
    }

    private static char charOf(String value) {
        return value == null || value.isEmpty() ? '\0' : value.charAt(0);
    }

    private static boolean isTrue(String option) {
        return option != null && switch (option.toLowerCase(Locale.ROOT)) {
            case "true", "on", "yes", "1" -> true;
            default -> false;
        };
    }
}
