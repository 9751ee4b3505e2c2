package dev.dbguard.core.synthetic;

import dev.dbguard.core.catalog.CatalogSnapshot;
import dev.dbguard.core.catalog.Column;
import dev.dbguard.core.catalog.Constraint;
import dev.dbguard.core.catalog.QualifiedName;
import dev.dbguard.core.catalog.Sql;
import dev.dbguard.core.catalog.Table;
import dev.dbguard.core.synthetic.SyntheticCatalog.PartitionKey;
import dev.dbguard.core.synthetic.SyntheticCatalog.ResolvedType;
import dev.dbguard.core.tenancy.TenantModel;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Types;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Fills tables with rows for two synthetic tenants, the way PostgreSQL accepts them: parents before children
 * (foreign-key order), a child pointing at a parent row of the same tenant (composite keys and self references
 * included), NOT NULL, defaults, identity and generated columns, unique keys and CHECK constraints honoured.
 * Each table is first tried with one multi-row INSERT; when PostgreSQL rejects it, row by row under savepoints,
 * trying further candidate values for the columns of the constraint PostgreSQL names (the literals a CHECK
 * names, enum labels, NULL where allowed). A table no candidate satisfies is skipped with PostgreSQL's reason.
 *
 * <p>Deterministic: the same catalogue and seed give the same rows. The tenants table gets the two tenants
 * first; their ids are seeded values no client would guess (never 0, 1 or empty).
 *
 * <p>Transactions: on a connection in auto-commit mode, {@link #fill} commits table by table (a rejected table
 * leaves nothing behind); otherwise it works inside the caller's transaction and leaves committing or rolling back to the
 * caller (the rows are then gone with a rollback).
 */
public final class SyntheticData {

    /** The seed db-guard uses unless told otherwise. */
    public static final long DEFAULT_SEED = 0x5EED_DB6AL;

    /** Attempts per row before the table is given up. */
    private static final int MAX_ATTEMPTS = 48;

    /** Attempts with the whole table's rows in one statement before the search goes row by row. */
    private static final int BATCH_ATTEMPTS = 6;

    /** One synthetic row: its tenant (0 for A, 1 for B), every column as text, and where it is stored. */
    public record Row(int tenant, Map<String, String> values, long storedIn, String ctid) {
    }

    /** The rows a table got, or why it got none (PostgreSQL's reason). */
    public record TableRows(Table table, List<Row> rows, String skipReason) {
        public boolean skipped() {
            return skipReason != null;
        }

        public List<Row> rowsOf(int tenant) {
            return rows.stream().filter(r -> r.tenant() == tenant).toList();
        }
    }

    /**
     * What {@link #fill} did, per table in the order it was filled; {@code unlinks} are the statements that clear
     * the foreign keys set after their parent was filled (a cycle), to run before the rows are removed.
     */
    public record Result(List<String> tenantIds, Map<QualifiedName, TableRows> tables, List<String> unlinks) {
        public Result(List<String> tenantIds, Map<QualifiedName, TableRows> tables) {
            this(tenantIds, tables, List.of());
        }

        public String tenantA() {
            return tenantIds.get(0);
        }

        public String tenantB() {
            return tenantIds.get(1);
        }

        /** A value of the tenant id's type that names no tenant. */
        public String noTenant() {
            return tenantIds.get(2);
        }

        public Optional<TableRows> of(QualifiedName table) {
            return Optional.ofNullable(tables.get(table));
        }

        public int rowCount() {
            return tables.values().stream().mapToInt(t -> t.rows().size()).sum();
        }
    }

    /** How a table is filled: which columns get values and which candidate each is on. */
    private final class Plan {
        final Table table;
        final Set<String> supplied = new LinkedHashSet<>();
        final Map<String, ResolvedType> types = new HashMap<>();
        final Map<String, Integer> choice = new HashMap<>();
        final List<Map<String, String>> leaves;
        final List<String> tenantColumns;
        final String tenantKey;
        final List<SyntheticCatalog.Trigger> triggers;
        /** Foreign keys left NULL because their parent is filled later (a cycle): set by an UPDATE afterwards. */
        final List<Constraint> later = new ArrayList<>();
        boolean overriding;

        Plan(Table table) {
            this.table = table;
            this.tenantColumns = tenantColumnsOf(table);
            this.triggers = catalog.triggers.getOrDefault(table.oid(), List.of());
            this.tenantKey = table.name().equals(tenancy.tenantTable()) ? tenantKeyColumn : null;
            this.leaves = table.isPartitioned() ? leaves(table) : List.of();
            Set<String> mustSupply = new HashSet<>(tenantColumns);
            for (Constraint fk : table.foreignKeys()) {
                mustSupply.addAll(fk.columns());
            }
            for (Map<String, String> leaf : leaves) {
                mustSupply.addAll(leaf.keySet());
            }
            if (tenantKey != null) {
                mustSupply.add(tenantKey);
            }
            for (Column column : table.columns()) {
                types.put(column.name(), catalog.resolve(column.typeOid(), column.type()));
                if (column.generated()) {
                    continue;
                }
                boolean key = column.name().equals(tenantKey);
                if (column.identity() == 'a' && !key) {
                    continue;
                }
                if (column.identity() == 'a') {
                    overriding = true;
                }
                if (column.defaultExpr() == null && column.identity() == '\0' || mustSupply.contains(column.name())) {
                    supplied.add(column.name());
                }
            }
        }

        boolean selfReferencing() {
            return table.foreignKeys().stream().anyMatch(fk -> table.name().equals(fk.references()));
        }

        private Integer perTenant;

        int rowsPerTenant() {
            if (perTenant == null) {
                perTenant = 2; // while deciding: a cycle of plans sees the default
                // every leaf partition gets rows (up to a bound), so each partition read directly has rows to show
                perTenant = tenantKey != null || onePerTenant() ? 1
                        : leaves.isEmpty() ? 2 : Math.max(2, Math.min(leaves.size(), 32));
            }
            return perTenant;
        }

        /**
         * True when a primary key, UNIQUE constraint or unique index holds only columns that take one value per
         * tenant (tenant columns, foreign keys to a parent with one row per tenant): per-tenant settings, a
         * subscription, an installation.
         */
        boolean onePerTenant() {
            Set<String> perTenant = new HashSet<>(tenantColumns);
            for (Constraint fk : table.foreignKeys()) {
                Plan parent = fk.references() == null || fk.references().equals(table.name()) ? null
                        : plans.get(fk.references());
                if (parent != null && parent.rowsPerTenant() == 1) {
                    perTenant.addAll(fk.columns());
                }
            }
            if (perTenant.isEmpty()) {
                return false;
            }
            List<List<String>> keys = new ArrayList<>();
            for (Constraint c : table.constraints()) {
                if (c.type() == Constraint.Type.PRIMARY_KEY || c.type() == Constraint.Type.UNIQUE) {
                    keys.add(c.columns());
                }
            }
            for (dev.dbguard.core.catalog.Index index : table.indexes()) {
                if (index.unique() && !index.columns().contains(null)) {
                    keys.add(index.columns());
                }
            }
            return keys.stream().anyMatch(key -> !key.isEmpty() && perTenant.containsAll(key));
        }

        boolean triggered() {
            return !triggers.isEmpty() && contextSql != null;
        }
    }

    /**
     * The tenant columns of a table: the tenancy model's, or, for a table outside the judged schemas (a membership
     * or platform table), the columns of its foreign keys to the tenants table.
     */
    private List<String> tenantColumnsOf(Table table) {
        List<String> known = tenancy.of(table.name()).tenantColumns();
        if (!known.isEmpty() || table.name().equals(tenancy.tenantTable()) || tenantKeyColumn == null) {
            return known;
        }
        List<String> viaForeignKey = new ArrayList<>();
        for (Constraint fk : table.foreignKeys()) {
            if (tenancy.tenantTable().equals(fk.references()) && fk.columns().size() == 1
                    && fk.refColumns().equals(List.of(tenantKeyColumn))) {
                viaForeignKey.add(fk.columns().get(0));
            }
        }
        return List.copyOf(viaForeignKey);
    }

    /** SQL that sets tenant {@code 0} or {@code 1}'s context, or null: run before rows a trigger may read it for. */
    @FunctionalInterface
    public interface ContextSql {
        String forTenant(int tenant);
    }

    private ContextSql contextSql;

    /**
     * Sets the tenant context before inserting into a table with triggers (one statement per tenant there), so a
     * trigger that reads the context finds the row's own tenant.
     */
    public SyntheticData withContext(ContextSql sql) {
        this.contextSql = sql;
        return this;
    }

    private final CatalogSnapshot snapshot;
    private final TenantModel tenancy;
    private final Values values;
    private SyntheticCatalog catalog;
    private String tenantKeyColumn;
    private List<String> tenantIds;
    private long counter;
    private boolean commitEachTable;
    private final Map<QualifiedName, Plan> plans = new HashMap<>();
    private final Map<QualifiedName, List<Row>> registry = new HashMap<>();

    public SyntheticData(CatalogSnapshot snapshot, TenantModel tenancy) {
        this(snapshot, tenancy, DEFAULT_SEED);
    }

    public SyntheticData(CatalogSnapshot snapshot, TenantModel tenancy, long seed) {
        this.snapshot = snapshot;
        this.tenancy = tenancy;
        this.values = new Values(seed);
    }

    /**
     * Inserts rows for two tenants into {@code tables} (partitions are filled through their partitioned
     * parent; the tenants table, when it exists, always gets the two tenants first).
     */
    public Result fill(Connection admin, List<Table> tables) throws SQLException {
        boolean autoCommit = admin.getAutoCommit();
        admin.setAutoCommit(false);
        try {
            commitEachTable = autoCommit;
            Result result = fillInTransaction(admin, tables);
            if (autoCommit) {
                admin.commit();
            }
            return result;
        } catch (SQLException | RuntimeException e) {
            if (autoCommit) {
                admin.rollback();
            }
            throw e;
        } finally {
            if (autoCommit) {
                admin.setAutoCommit(true);
            }
        }
    }

    /**
     * Reads what the rows need from the catalogue and settles the tenant ids (so fixture files can name them
     * before {@link #fill}); {@link #fill} calls it when nobody did. Returns the ids: A, B, and one naming no tenant.
     */
    public List<String> prepare(Connection admin) throws SQLException {
        if (catalog == null) {
            catalog = SyntheticCatalog.read(admin, snapshot);
            Optional<Table> tenants = tenancy.tenantTableIfPresent();
            tenantKeyColumn = tenants.flatMap(SyntheticData::singleKey).orElse(null);
            ResolvedType idType = tenantIdType(tenants);
            tenantIds = List.of(values.tenantId(idType, 0), values.tenantId(idType, 1), values.tenantId(idType, 2));
        }
        return tenantIds;
    }

    /**
     * Takes the rows a table already holds (from fixture files) as its synthetic rows instead of making new ones:
     * a row belongs to the tenant its tenant column names, or whose parent row it points at; rows of neither
     * tenant are left out. {@link #fill} then leaves the tables alone. Parents are taken before children.
     */
    public void useExistingRows(Connection admin, List<Table> tables) throws SQLException {
        prepare(admin);
        List<Table> order = new ArrayList<>();
        tenancy.tenantTableIfPresent().filter(tables::contains).ifPresent(order::add);
        for (Table table : foreignKeyOrder(tables)) {
            if (!order.contains(table) && tables.contains(table)) {
                order.add(table);
            }
        }
        for (Table table : order) {
            useExistingRows(admin, table);
        }
    }

    private void useExistingRows(Connection admin, Table table) throws SQLException {
        Plan plan = new Plan(table);
        plans.put(table.name(), plan);
        List<Row> rows = new ArrayList<>();
        StringBuilder sql = new StringBuilder("SELECT tableoid::bigint, ctid::text").append(returningAll(table))
                .append(" FROM ").append(table.name().sql());
        try (PreparedStatement ps = admin.prepareStatement(sql.toString()); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Map<String, String> stored = new LinkedHashMap<>();
                for (int k = 0; k < table.columns().size(); k++) {
                    stored.put(table.columns().get(k).name(), rs.getString(k + 3));
                }
                int tenant = tenantOf(table, plan, stored);
                if (tenant >= 0) {
                    rows.add(new Row(tenant, Collections.unmodifiableMap(stored), rs.getLong(1), rs.getString(2)));
                }
            }
        }
        registry.put(table.name(), rows);
        adopted.put(table.name(), new TableRows(table, List.copyOf(rows), null));
    }

    private final Map<QualifiedName, TableRows> adopted = new LinkedHashMap<>();

    private int tenantOf(Table table, Plan plan, Map<String, String> row) {
        for (String column : plan.tenantColumns) {
            int index = tenantIds.subList(0, 2).indexOf(row.get(column));
            if (index >= 0) {
                return index;
            }
        }
        if (plan.tenantKey != null) {
            return tenantIds.subList(0, 2).indexOf(row.get(plan.tenantKey));
        }
        for (Constraint fk : table.foreignKeys()) {
            List<Row> parents = fk.references() == null ? null : registry.get(fk.references());
            if (parents == null) {
                continue;
            }
            for (Row parent : parents) {
                boolean match = true;
                for (int k = 0; k < fk.columns().size(); k++) {
                    match &= java.util.Objects.equals(row.get(fk.columns().get(k)), parent.values().get(fk.refColumns().get(k)));
                }
                if (match) {
                    return parent.tenant();
                }
            }
        }
        return -1;
    }

    private Result fillInTransaction(Connection admin, List<Table> tables) throws SQLException {
        prepare(admin);
        List<Table> all = new ArrayList<>(tables);
        // the tenants table in foreign-key order too: a global table it references is filled before it
        tenancy.tenantTableIfPresent().filter(t -> !all.contains(t)).ifPresent(all::add);
        List<Table> order = new ArrayList<>();
        for (Table table : foreignKeyOrder(all)) {
            if (!table.isPartition() && !order.contains(table)) {
                order.add(table);
            }
        }
        toFill = order.stream().map(Table::name).collect(java.util.stream.Collectors.toSet());
        Map<QualifiedName, TableRows> result = new LinkedHashMap<>();
        for (Table table : order) {
            TableRows given = adopted.get(table.name());
            result.put(table.name(), given != null ? given : fillTable(admin, table));
            if (commitEachTable) {
                admin.commit(); // short transactions: thousands of savepoints in one would slow every snapshot
            }
        }
        List<String> unlinks = new ArrayList<>();
        for (Table table : order) {
            Plan plan = plans.get(table.name());
            TableRows filled = result.get(table.name());
            if (plan != null && !plan.later.isEmpty() && !filled.skipped() && adopted.get(table.name()) == null) {
                result.put(table.name(), linkLater(admin, plan, filled, unlinks));
                if (commitEachTable) {
                    admin.commit();
                }
            }
        }
        return new Result(tenantIds, Collections.unmodifiableMap(result), List.copyOf(unlinks));
    }

    private Set<QualifiedName> toFill = Set.of();

    /**
     * The second half of "NULL first, then UPDATE": the foreign keys of a cycle that were left NULL now point at a
     * parent row of the same tenant, in one UPDATE per table. The rows' new addresses replace the old.
     */
    private TableRows linkLater(Connection admin, Plan plan, TableRows filled, List<String> unlinks)
            throws SQLException {
        List<Constraint> links = new ArrayList<>();
        for (Constraint fk : plan.later) {
            List<Row> parents = registry.get(fk.references());
            if (parents != null && !parents.isEmpty()) {
                links.add(fk);
            }
        }
        List<Row> rows = filled.rows();
        if (links.isEmpty() || rows.isEmpty()) {
            return filled;
        }
        List<String> columns = new ArrayList<>();
        links.forEach(fk -> columns.addAll(fk.columns()));
        StringBuilder sql = new StringBuilder("UPDATE ").append(plan.table.name().sql()).append(" AS t SET ");
        for (int k = 0; k < columns.size(); k++) {
            sql.append(k == 0 ? "" : ", ").append(Sql.ident(columns.get(k))).append(" = v.c").append(k);
        }
        sql.append(" FROM (VALUES ");
        List<String> values = new ArrayList<>();
        for (int r = 0; r < rows.size(); r++) {
            Row row = rows.get(r);
            sql.append(r == 0 ? "" : ", ").append("(").append(r).append(", ").append(row.storedIn()).append("::oid, ")
                    .append(Sql.literal(row.ctid())).append("::tid");
            for (Constraint fk : links) {
                List<Row> parents = registry.get(fk.references());
                List<Row> same = parents.stream().filter(p -> p.tenant() == row.tenant()).toList();
                Row parent = (same.isEmpty() ? parents : same).get(r % (same.isEmpty() ? parents : same).size());
                for (int c = 0; c < fk.columns().size(); c++) {
                    String type = plan.table.column(fk.columns().get(c)).map(Column::type).orElse("text");
                    sql.append(", CAST(? AS ").append(type).append(")");
                    values.add(parent.values().get(fk.refColumns().get(c)));
                }
            }
            sql.append(")");
        }
        sql.append(") AS v(i, store, addr");
        for (int k = 0; k < columns.size(); k++) {
            sql.append(", c").append(k);
        }
        sql.append(") WHERE t.tableoid = v.store AND t.ctid = v.addr RETURNING v.i, t.tableoid::bigint, t.ctid::text")
                .append(returningAll(plan.table, "t."));
        Savepoint savepoint = admin.setSavepoint();
        List<Row> updated = new ArrayList<>(rows);
        try (PreparedStatement ps = admin.prepareStatement(sql.toString())) {
            for (int p = 0; p < values.size(); p++) {
                ps.setString(p + 1, values.get(p));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    int index = rs.getInt(1);
                    Map<String, String> stored = new LinkedHashMap<>();
                    for (int k = 0; k < plan.table.columns().size(); k++) {
                        stored.put(plan.table.columns().get(k).name(), rs.getString(k + 4));
                    }
                    updated.set(index, new Row(rows.get(index).tenant(), Collections.unmodifiableMap(stored),
                            rs.getLong(2), rs.getString(3)));
                }
            }
            admin.releaseSavepoint(savepoint);
        } catch (SQLException e) {
            admin.rollback(savepoint); // the rows keep their NULLs: still valid rows
            return filled;
        }
        registry.put(plan.table.name(), new ArrayList<>(updated));
        StringBuilder unlink = new StringBuilder("UPDATE ").append(plan.table.name().sql()).append(" SET ");
        for (int k = 0; k < columns.size(); k++) {
            unlink.append(k == 0 ? "" : ", ").append(Sql.ident(columns.get(k))).append(" = NULL");
        }
        unlink.append(" WHERE (tableoid::bigint::text || ':' || ctid::text) = ANY (").append(Sql.literal("{"
                + String.join(",", updated.stream().map(r -> "\"" + r.storedIn() + ":" + r.ctid() + "\"").toList())
                + "}")).append("::text[])");
        unlinks.add(unlink.toString());
        return new TableRows(plan.table, List.copyOf(updated), null);
    }

    /** The two tenants' ids and a third naming no tenant, as text; available after {@link #fill}. */
    public List<String> tenantIds() {
        return tenantIds;
    }

    /**
     * A fresh row for {@code tenant} (0 or 1) in {@code table} that was filled before, built like the rows
     * {@link #fill} inserted (same candidates, new unique values, parents of the same tenant): column to
     * text value, NULL as null. Empty when the table was not filled.
     */
    public Optional<Map<String, String>> freshRow(Table table, int tenant) {
        Plan plan = plans.get(table.name());
        List<Row> existing = registry.get(table.name());
        if (plan == null || existing == null || existing.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(buildRow(plan, tenant, existing.size()));
    }

    /** The rows made so far for {@code table} (during {@link #fill}: those of the tables already filled). */
    public List<Row> rowsSoFar(QualifiedName table) {
        List<Row> made = registry.get(table);
        return made == null ? List.of() : List.copyOf(made);
    }

    /** A value of the column's type that no synthetic row holds (a user id naming nobody); after {@link #prepare}. */
    public String absentValue(Table table, String column) {
        Column c = table.column(column).orElseThrow();
        return values.tenantId(catalog.resolve(c.typeOid(), c.type()), 3);
    }

    /** The columns a fresh row supplies values for, in table order. */
    public List<String> suppliedColumns(Table table) {
        Plan plan = plans.get(table.name());
        return plan == null ? List.of() : List.copyOf(plan.supplied);
    }

    /** True when inserting a fresh row into {@code table} needs OVERRIDING SYSTEM VALUE. */
    public boolean needsOverriding(Table table) {
        Plan plan = plans.get(table.name());
        return plan != null && plan.overriding;
    }

    // ---------------------------------------------------------------------------------------------------------

    private TableRows fillTable(Connection admin, Table table) throws SQLException {
        Plan plan = new Plan(table);
        plans.put(table.name(), plan);
        registry.put(table.name(), new ArrayList<>());
        String missingParent = missingParent(admin, table);
        if (missingParent != null) {
            return new TableRows(table, List.of(), missingParent);
        }
        for (Constraint fk : table.foreignKeys()) {
            boolean parentLater = fk.references() != null && !fk.references().equals(table.name())
                    && !registry.containsKey(rootName(fk.references())) && toFill.contains(rootName(fk.references()));
            if (parentLater && fk.columns().stream().noneMatch(table::rejectsNull)) {
                plan.later.add(fk); // a cycle: NULL now, the parent's row once it has one
            }
        }
        int perTenant = plan.rowsPerTenant();
        if (!plan.selfReferencing()) {
            // every row in one statement, the search for candidates done on the whole batch: a CHECK that the
            // first candidate fails costs one more statement, not one search per row
            for (int attempt = 0; attempt < BATCH_ATTEMPTS; attempt++) {
                List<Map<String, String>> rows = new ArrayList<>();
                List<Integer> owners = new ArrayList<>();
                for (int tenant = 0; tenant < 2; tenant++) {
                    for (int i = 0; i < perTenant; i++) {
                        rows.add(buildRow(plan, tenant, i));
                        owners.add(tenant);
                    }
                }
                Savepoint savepoint = admin.setSavepoint();
                try {
                    List<Row> inserted = insertRows(admin, plan, rows, owners);
                    admin.releaseSavepoint(savepoint);
                    registry.get(table.name()).addAll(inserted);
                    return new TableRows(table, List.copyOf(inserted), null);
                } catch (SQLException e) {
                    admin.rollback(savepoint);
                    if (!adapt(plan, e, attempt)) {
                        break;
                    }
                }
            }
            plan.choice.clear(); // the row-by-row search starts from the first candidates again
        }
        // row by row, searching candidates for the constraint PostgreSQL names
        String reason = insertSearching(admin, plan, 0, 0);
        boolean firstFailed = reason != null;
        if (reason == null && !plan.selfReferencing()) {
            // the first row found values PostgreSQL accepts: the others follow in one statement when they can
            List<Map<String, String>> rest = new ArrayList<>();
            List<Integer> owners = new ArrayList<>();
            for (int tenant = 0; tenant < 2; tenant++) {
                for (int i = tenant == 0 ? 1 : 0; i < perTenant; i++) {
                    rest.add(buildRow(plan, tenant, i));
                    owners.add(tenant);
                }
            }
            Savepoint savepoint = admin.setSavepoint();
            try {
                registry.get(table.name()).addAll(insertRows(admin, plan, rest, owners));
                admin.releaseSavepoint(savepoint);
                return new TableRows(table, List.copyOf(registry.get(table.name())), null);
            } catch (SQLException e) {
                admin.rollback(savepoint);
            }
        }
        // each tenant on its own: a key that admits one row per tenant stops tenant A's second row, not B's first
        for (int tenant = firstFailed ? 2 : 0; tenant < 2; tenant++) {
            for (int i = tenant == 0 ? 1 : 0; i < perTenant; i++) {
                String failed = insertSearching(admin, plan, tenant, i);
                if (failed != null) {
                    reason = reason == null ? failed : reason;
                    break;
                }
            }
        }
        List<Row> inserted = List.copyOf(registry.get(table.name()));
        if (reason != null && inserted.stream().map(Row::tenant).distinct().count() == 2) {
            reason = null; // both tenants have rows: enough to judge the table
        }
        return new TableRows(table, inserted, reason);
    }

    /** A foreign key whose NOT NULL columns need a parent that has no rows, said as the reason, else null. */
    private String missingParent(Connection admin, Table table) throws SQLException {
        for (Constraint fk : table.foreignKeys()) {
            if (fk.references() == null || fk.references().equals(table.name())) {
                continue;
            }
            boolean required = fk.columns().stream().anyMatch(table::rejectsNull);
            if (required && parentRows(admin, fk.references()).isEmpty()) {
                List<Row> none = registry.get(fk.references());
                return "foreign key " + fk.name() + " needs a row of " + fk.references()
                        + (none != null ? ", which got no synthetic rows" : ", which has no rows");
            }
        }
        return null;
    }

    private String insertSearching(Connection admin, Plan plan, int tenant, int i) throws SQLException {
        String lastError = null;
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Map<String, String> row = buildRow(plan, tenant, i);
            Savepoint savepoint = admin.setSavepoint();
            try {
                List<Row> inserted = insertRows(admin, plan, List.of(row), List.of(tenant));
                admin.releaseSavepoint(savepoint);
                registry.get(plan.table.name()).addAll(inserted);
                return null;
            } catch (SQLException e) {
                admin.rollback(savepoint);
                lastError = reason(e);
                if (!adapt(plan, e, attempt)) {
                    return lastError;
                }
            }
        }
        return lastError;
    }

    /**
     * Learns from a rejected insert: supplies a NOT NULL column left to a default that gives NULL, or moves the
     * columns of the constraint PostgreSQL names to their next candidates. False when nothing is left to try.
     */
    private boolean adapt(Plan plan, SQLException e, int attempt) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        ServerErrorMessage server = e instanceof PSQLException p ? p.getServerErrorMessage() : null;
        String column = server == null ? null : server.getColumn();
        if ("23502".equals(state) && column != null && !plan.supplied.contains(column)
                && plan.types.containsKey(column)) {
            plan.supplied.add(column); // a NOT NULL column its default (or a trigger) leaves NULL
            return true;
        }
        List<String> culprits = culprits(plan, server, state, column);
        boolean uniqueOnFresh = "23505".equals(state)
                && culprits.stream().allMatch(c -> plan.choice.getOrDefault(c, 0) == 0);
        if (uniqueOnFresh && attempt < 3) {
            return true; // a fresh row number gives fresh values
        }
        return !culprits.isEmpty() && advance(plan, culprits);
    }

    /** Columns to vary after an error: the named constraint's, the named column, or every free column. */
    private List<String> culprits(Plan plan, ServerErrorMessage server, String state, String column) {
        String constraint = server == null ? null : server.getConstraint();
        List<String> columns = new ArrayList<>();
        if (constraint != null) {
            for (Constraint c : plan.table.constraints()) {
                if (c.name().equals(constraint)) {
                    columns.addAll(c.columns());
                }
            }
            if (columns.isEmpty()) {
                // a domain's CHECK: the columns of a domain type carrying that check
                for (String name : plan.supplied) {
                    if (plan.types.get(name).checks().stream().anyMatch(ch -> !ch.isEmpty())) {
                        columns.add(name);
                    }
                }
            }
        } else if (column != null && plan.types.containsKey(column)) {
            columns.add(column);
        } else if (state.startsWith("22") || state.startsWith("23")) {
            columns.addAll(plan.supplied);
        }
        columns.removeIf(c -> !plan.supplied.contains(c) || isFixed(plan, c));
        return columns;
    }

    /** Tenant, key, partition and foreign-key columns take the values they must take; no candidates for them. */
    private boolean isFixed(Plan plan, String column) {
        if (plan.tenantColumns.contains(column) || column.equals(plan.tenantKey)) {
            return true;
        }
        for (Map<String, String> leaf : plan.leaves) {
            if (leaf.containsKey(column)) {
                return true;
            }
        }
        return plan.table.foreignKeys().stream().anyMatch(fk -> fk.columns().contains(column));
    }

    /** Moves the culprit columns to their next combination of candidates; false when all were tried. */
    private boolean advance(Plan plan, List<String> culprits) {
        for (String column : culprits) {
            int size = 1 + alternatives(plan, column, 0).size();
            int next = plan.choice.getOrDefault(column, 0) + 1;
            if (next < size) {
                plan.choice.put(column, next);
                return true;
            }
            plan.choice.put(column, 0);
        }
        return false;
    }

    private List<String> alternatives(Plan plan, String column, long n) {
        Column c = plan.table.column(column).orElseThrow();
        List<String> checks = new ArrayList<>();
        for (Constraint check : plan.table.constraints(Constraint.Type.CHECK)) {
            if (check.columns().contains(column)) {
                checks.add(check.definition());
            }
        }
        return values.alternatives(plan.types.get(column), column, c.attnum(), n, checks, !plan.table.rejectsNull(column));
    }

    private Map<String, String> buildRow(Plan plan, int tenant, int i) {
        long n = counter++;
        Map<String, String> row = new LinkedHashMap<>();
        for (String column : plan.supplied) {
            Column c = plan.table.column(column).orElseThrow();
            int choice = plan.choice.getOrDefault(column, 0);
            String value;
            if (choice == 0) {
                value = values.value(plan.types.get(column), column, c.attnum(), n);
            } else {
                List<String> alternatives = alternatives(plan, column, 0);
                value = alternatives.get(Math.min(choice - 1, alternatives.size() - 1));
            }
            row.put(column, value);
        }
        if (!plan.leaves.isEmpty()) {
            row.putAll(plan.leaves.get(i % plan.leaves.size()));
        }
        for (String column : plan.tenantColumns) {
            row.put(column, tenantIds.get(tenant));
        }
        if (plan.tenantKey != null) {
            row.put(plan.tenantKey, tenantIds.get(tenant));
        }
        // foreign keys last: a parent row of the same tenant gives every column of the key, composite ones too
        for (Constraint fk : plan.table.foreignKeys()) {
            if (fk.references() == null) {
                continue;
            }
            List<Map<String, String>> parents = parentsOf(plan, fk, tenant, row);
            Map<String, String> parent = parents.isEmpty() ? null : parents.get(i % parents.size());
            for (int k = 0; k < fk.columns().size(); k++) {
                row.put(fk.columns().get(k), parent == null ? null : parent.get(fk.refColumns().get(k)));
            }
        }
        return row;
    }

    /** Rows of the parent a foreign key may point at for this tenant. */
    private List<Map<String, String>> parentsOf(Plan plan, Constraint fk, int tenant, Map<String, String> row) {
        List<Row> filled = registry.get(fk.references());
        if (filled != null && fk.references().equals(plan.table.name())) {
            List<Row> own = filled.stream().filter(r -> r.tenant() == tenant).toList();
            if (!own.isEmpty()) {
                return List.of(own.get(0).values());
            }
            // the first row of a self reference points at itself when its key is known, else at nothing
            boolean known = fk.refColumns().stream().allMatch(c -> row.get(c) != null);
            boolean required = fk.columns().stream().anyMatch(plan.table::rejectsNull);
            return known && required ? List.of(row) : List.of();
        }
        if (filled != null && !filled.isEmpty()) {
            List<Row> sameTenant = filled.stream().filter(r -> r.tenant() == tenant).toList();
            return (sameTenant.isEmpty() ? filled : sameTenant).stream().map(Row::values).toList();
        }
        List<Map<String, String>> existing = existingRows.get(fk.references());
        return existing == null ? List.of() : existing;
    }

    private final Map<QualifiedName, List<Map<String, String>>> existingRows = new HashMap<>();

    /** Rows a parent offers: the synthetic ones, else (for a table not filled) a few it already holds. */
    private List<?> parentRows(Connection admin, QualifiedName parent) throws SQLException {
        List<Row> filled = registry.get(parent);
        if (filled != null) {
            return filled;
        }
        if (!existingRows.containsKey(parent)) {
            List<Map<String, String>> rows = new ArrayList<>();
            Optional<Table> table = snapshot.table(parent);
            if (table.isPresent() && hasRows(table.get())) {
                rows.addAll(readRows(admin, table.get(), 4));
            }
            existingRows.put(parent, rows);
        }
        return existingRows.get(parent);
    }

    private boolean hasRows(Table table) {
        if (table.rowCount() > 0) {
            return true;
        }
        return table.isPartitioned() && snapshot.tables().stream()
                .anyMatch(t -> table.name().equals(t.partitionOf()) && hasRows(t));
    }

    private static List<Map<String, String>> readRows(Connection admin, Table table, int limit) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT ");
        List<Column> columns = table.columns();
        for (int k = 0; k < columns.size(); k++) {
            sql.append(k == 0 ? "" : ", ").append(Sql.ident(columns.get(k).name())).append("::text");
        }
        sql.append(" FROM ").append(table.name().sql()).append(" LIMIT ").append(limit);
        List<Map<String, String>> rows = new ArrayList<>();
        try (PreparedStatement ps = admin.prepareStatement(sql.toString()); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Map<String, String> row = new LinkedHashMap<>();
                for (int k = 0; k < columns.size(); k++) {
                    row.put(columns.get(k).name(), rs.getString(k + 1));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    /** Inserts in one statement, or one per tenant with its context set where the table has triggers. */
    private List<Row> insertRows(Connection admin, Plan plan, List<Map<String, String>> rows, List<Integer> owners)
            throws SQLException {
        if (!plan.triggered()) {
            return insert(admin, plan, rows, owners);
        }
        List<Row> all = new ArrayList<>();
        for (int tenant = 0; tenant < 2; tenant++) {
            List<Map<String, String>> mine = new ArrayList<>();
            List<Integer> mineOwners = new ArrayList<>();
            for (int k = 0; k < rows.size(); k++) {
                if (owners.get(k) == tenant) {
                    mine.add(rows.get(k));
                    mineOwners.add(tenant);
                }
            }
            if (!mine.isEmpty()) {
                setContext(admin, tenant);
                all.addAll(insert(admin, plan, mine, mineOwners));
            }
        }
        return all;
    }

    private void setContext(Connection admin, int tenant) throws SQLException {
        String sql = contextSql.forTenant(tenant);
        if (sql == null) {
            return;
        }
        Savepoint savepoint = admin.setSavepoint();
        try (java.sql.Statement statement = admin.createStatement()) {
            statement.execute(sql);
            admin.releaseSavepoint(savepoint);
        } catch (SQLException e) {
            admin.rollback(savepoint); // a context PostgreSQL refuses: the probe says so when it sets it
        }
    }

    /**
     * PostgreSQL's reason, naming the trigger when one raised it: found from the error's context (the PL/pgSQL
     * function it ran in) among the triggers of every table.
     */
    private String reason(SQLException e) {
        String text = firstLine(e);
        ServerErrorMessage server = e instanceof PSQLException p ? p.getServerErrorMessage() : null;
        String where = server == null ? null : server.getWhere();
        if (where == null) {
            return text;
        }
        for (Map.Entry<Long, List<SyntheticCatalog.Trigger>> entry : catalog.triggers.entrySet()) {
            for (SyntheticCatalog.Trigger trigger : entry.getValue()) {
                Matcher m = java.util.regex.Pattern.compile("function (?:[\\w\"]+\\.)?\"?"
                        + java.util.regex.Pattern.quote(trigger.function()) + "\"?\\(").matcher(where);
                if (m.find()) {
                    String table = snapshot.table(entry.getKey()).map(t -> " on " + t.name()).orElse("");
                    return "trigger " + trigger.name() + table + " (function " + trigger.function()
                            + ") refused the row: " + text;
                }
            }
        }
        return text;
    }

    private List<Row> insert(Connection admin, Plan plan, List<Map<String, String>> rows, List<Integer> owners)
            throws SQLException {
        List<String> columns = new ArrayList<>(rows.get(0).keySet());
        String sql = insertSql(plan.table, columns, rows.size(), plan.overriding)
                + " RETURNING tableoid::bigint, ctid::text" + returningAll(plan.table);
        List<Row> inserted = new ArrayList<>();
        try (PreparedStatement ps = admin.prepareStatement(sql)) {
            int p = 1;
            for (Map<String, String> row : rows) {
                for (String column : columns) {
                    setUntyped(ps, p++, row.get(column));
                }
            }
            try (ResultSet rs = ps.executeQuery()) {
                int index = 0;
                while (rs.next()) {
                    Map<String, String> stored = new LinkedHashMap<>();
                    for (int k = 0; k < plan.table.columns().size(); k++) {
                        stored.put(plan.table.columns().get(k).name(), rs.getString(k + 3));
                    }
                    inserted.add(new Row(owners.get(index++), Collections.unmodifiableMap(stored), rs.getLong(1),
                            rs.getString(2)));
                }
            }
        }
        return inserted;
    }

    /** {@code INSERT INTO t (a, b) VALUES (?, ?), …}: parameters untyped, so PostgreSQL converts them. */
    public static String insertSql(Table table, List<String> columns, int rows, boolean overriding) {
        StringBuilder sql = new StringBuilder("INSERT INTO ").append(table.name().sql());
        if (columns.isEmpty()) {
            return sql.append(" DEFAULT VALUES").toString();
        }
        sql.append(" (");
        for (int k = 0; k < columns.size(); k++) {
            sql.append(k == 0 ? "" : ", ").append(Sql.ident(columns.get(k)));
        }
        sql.append(")").append(overriding ? " OVERRIDING SYSTEM VALUE" : "").append(" VALUES ");
        String tuple = "(" + String.join(", ", Collections.nCopies(columns.size(), "?")) + ")";
        sql.append(String.join(", ", Collections.nCopies(rows, tuple)));
        return sql.toString();
    }

    public static void setUntyped(PreparedStatement ps, int index, String value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.OTHER);
        } else {
            ps.setObject(index, value, Types.OTHER);
        }
    }

    private static String returningAll(Table table) {
        return returningAll(table, "");
    }

    private static String returningAll(Table table, String qualifier) {
        StringBuilder sql = new StringBuilder();
        for (Column column : table.columns()) {
            sql.append(", ").append(qualifier).append(Sql.ident(column.name())).append("::text");
        }
        return sql.toString();
    }

    /** PostgreSQL's message without the driver's decorations: the reason a person reads. */
    public static String firstLine(SQLException e) {
        if (e instanceof PSQLException p && p.getServerErrorMessage() != null) {
            ServerErrorMessage m = p.getServerErrorMessage();
            return m.getMessage() + (m.getDetail() == null ? "" : " (" + m.getDetail() + ")");
        }
        String message = String.valueOf(e.getMessage());
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    // ------------------------------------------------------------------------------- partitions and ordering

    /** For each usable leaf partition under {@code root}, the key values that route a row to it. */
    private List<Map<String, String>> leaves(Table root) {
        List<Map<String, String>> result = new ArrayList<>();
        for (Table leaf : snapshot.tables()) {
            if (leaf.isPartitioned() || !leaf.isPartition() || !descendsFrom(leaf, root)) {
                continue;
            }
            Map<String, String> forced = new LinkedHashMap<>();
            boolean usable = true;
            for (Table at = leaf; at.isPartition() && usable; ) {
                Table parent = snapshot.table(at.partitionOf()).orElse(null);
                if (parent == null) {
                    break;
                }
                PartitionKey key = catalog.partitionKeys.get(parent.oid());
                List<String> bound = PartitionBound.routingValues(catalog.bounds.get(at.oid()));
                if (key == null || bound == null) {
                    usable = false;
                } else {
                    for (int k = 0; k < bound.size() && k < key.columns().size(); k++) {
                        if (key.columns().get(k) == null) {
                            usable = false; // an expression key: no column to set
                        } else {
                            forced.putIfAbsent(key.columns().get(k), bound.get(k));
                        }
                    }
                }
                at = parent;
            }
            if (usable) {
                result.add(forced);
            }
        }
        return result;
    }

    private boolean descendsFrom(Table table, Table root) {
        Table at = table;
        while (at != null && at.isPartition()) {
            if (root.name().equals(at.partitionOf())) {
                return true;
            }
            at = snapshot.table(at.partitionOf()).orElse(null);
        }
        return false;
    }

    /** Parents before children (Kahn's algorithm, catalogue order among equals); a cycle keeps catalogue order. */
    private List<Table> foreignKeyOrder(List<Table> tables) {
        Map<QualifiedName, Table> byName = new LinkedHashMap<>();
        for (Table table : tables) {
            byName.put(rootOf(table).name(), rootOf(table));
        }
        Map<QualifiedName, Set<QualifiedName>> parents = new HashMap<>();
        for (Table table : byName.values()) {
            Set<QualifiedName> own = new LinkedHashSet<>();
            for (Constraint fk : table.foreignKeys()) {
                QualifiedName parent = fk.references() == null ? null : rootName(fk.references());
                if (parent != null && !parent.equals(table.name()) && byName.containsKey(parent)) {
                    own.add(parent);
                }
            }
            parents.put(table.name(), own);
        }
        List<Table> order = new ArrayList<>();
        Set<QualifiedName> placed = new HashSet<>();
        Deque<Table> pending = new ArrayDeque<>(byName.values());
        while (!pending.isEmpty()) {
            boolean progress = false;
            for (var it = pending.iterator(); it.hasNext(); ) {
                Table table = it.next();
                if (placed.containsAll(parents.get(table.name()))) {
                    order.add(table);
                    placed.add(table.name());
                    it.remove();
                    progress = true;
                }
            }
            if (!progress) {
                // a cycle: first the table whose links into it may be NULL (set after its parents are filled)
                Table first = pending.stream().filter(t -> nullableLinks(t, byName, placed)).findFirst()
                        .orElse(pending.peek());
                pending.remove(first);
                order.add(first);
                placed.add(first.name());
            }
        }
        return order;
    }

    /** True when every foreign key of {@code table} to a table not yet placed may be NULL. */
    private boolean nullableLinks(Table table, Map<QualifiedName, Table> byName, Set<QualifiedName> placed) {
        for (Constraint fk : table.foreignKeys()) {
            QualifiedName parent = fk.references() == null ? null : rootName(fk.references());
            if (parent != null && !parent.equals(table.name()) && byName.containsKey(parent) && !placed.contains(parent)
                    && fk.columns().stream().anyMatch(table::rejectsNull)) {
                return false;
            }
        }
        return true;
    }

    private Table rootOf(Table table) {
        Table at = table;
        while (at.isPartition()) {
            Optional<Table> parent = snapshot.table(at.partitionOf());
            if (parent.isEmpty()) {
                break;
            }
            at = parent.get();
        }
        return at;
    }

    private QualifiedName rootName(QualifiedName name) {
        return snapshot.table(name).map(this::rootOf).map(Table::name).orElse(name);
    }

    private static Optional<String> singleKey(Table table) {
        return table.constraints(Constraint.Type.PRIMARY_KEY).stream()
                .filter(pk -> pk.columns().size() == 1).map(pk -> pk.columns().get(0)).findFirst()
                .or(() -> table.column("id").map(Column::name));
    }

    /** The type tenant ids take: the tenants table's key, else the first tenant column found. */
    private ResolvedType tenantIdType(Optional<Table> tenants) {
        if (tenants.isPresent() && tenantKeyColumn != null) {
            Column key = tenants.get().column(tenantKeyColumn).orElseThrow();
            return catalog.resolve(key.typeOid(), key.type());
        }
        for (Table table : tenancy.scopedTables()) {
            String name = tenancy.of(table.name()).tenantColumns().get(0);
            Column column = table.column(name).orElseThrow();
            return catalog.resolve(column.typeOid(), column.type());
        }
        return new ResolvedType("text", 'S', "text", null, List.of(), List.of());
    }
}
