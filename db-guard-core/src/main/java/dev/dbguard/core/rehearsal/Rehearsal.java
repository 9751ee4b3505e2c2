package dev.dbguard.core.rehearsal;

import dev.dbguard.core.GuardConfig;
import dev.dbguard.core.RunListener;
import dev.dbguard.core.catalog.CatalogReader;
import dev.dbguard.core.catalog.CatalogSnapshot;
import dev.dbguard.core.catalog.Sql;
import dev.dbguard.core.catalog.Table;
import dev.dbguard.core.history.MigrationStep;
import dev.dbguard.core.history.SchemaHistory;
import dev.dbguard.core.history.StatementEffect;
import dev.dbguard.core.history.TableChange;
import dev.dbguard.core.journal.AppliedScript;
import dev.dbguard.core.journal.TableState;
import dev.dbguard.core.migration.Migration;
import dev.dbguard.core.migration.MigrationDiscovery;
import dev.dbguard.core.migration.MigrationException;
import dev.dbguard.core.migration.MigrationRunner;
import dev.dbguard.core.migration.SqlScriptReader;
import dev.dbguard.core.migration.SqlStatement;
import dev.dbguard.core.migration.StatementListener;
import dev.dbguard.core.postgres.ThrowawayPostgres;
import dev.dbguard.core.probe.SyntheticData;
import dev.dbguard.core.tenancy.TenantModel;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The data rehearsal: the migrations applied a second time, in a sibling database of the same server, with
 * synthetic rows in every table before each migration, as production's tables hold rows. It observes what the
 * empty run cannot: a migration that fails once its tables hold rows, a table whose row count falls across a
 * migration, and (when rollbacks are required) whether each rollback script gives back the schema it found.
 *
 * <p>Runs after the main pass has applied every migration successfully on empty tables, so a failure here is
 * caused by the rows; it is confirmed by applying the same migration again on the same tables emptied. Roles are
 * the server's, shared with the main database: statements that create, alter or drop roles, or grant role
 * memberships, already ran in the main pass and are skipped here.
 */
public final class Rehearsal {

    /** Statements that change the server's roles rather than this database. */
    private static final Pattern ROLE_STATEMENT = Pattern.compile(
            "(?is)^(?:(?:CREATE|ALTER|DROP)\\s+(?:ROLE|GROUP|USER(?!\\s+MAPPING))\\b"
                    + "|(?:GRANT|REVOKE)\\b(?:(?!\\bON\\b).)*$)");
    private static final Pattern LEADING_COMMENTS = Pattern.compile("^(?:\\s+|--[^\\n]*\\n?|/\\*.*?\\*/)*", Pattern.DOTALL);

    private static final StatementListener SKIP_ROLE_STATEMENTS = new StatementListener() {
        @Override
        public boolean skip(Migration migration, SqlStatement statement) {
            return changesRoles(statement.sql());
        }
    };

    private final GuardConfig config;
    private final List<AppliedScript> scripts;
    private final RunListener listener;
    private final Map<String, Migration> rollbacks;
    private final CatalogSnapshot finalSchema;
    private final SchemaHistory history;

    /** Per table oid, the columns (attnums) the synthetic data gave values; columns added later hold the migrations' values. */
    private final Map<Long, Set<Integer>> syntheticColumns = new HashMap<>();

    /** Table oids the synthetic data could not fill: not tried again until the tables are reset. */
    private final Set<Long> unfillable = new HashSet<>();

    /**
     * @param finalSchema the catalogue after every migration (the main run's): names the columns of a constraint a
     *                    failing migration adds
     */
    public Rehearsal(GuardConfig config, List<AppliedScript> scripts, CatalogSnapshot finalSchema,
                     SchemaHistory history, RunListener listener) {
        this.config = config;
        this.finalSchema = finalSchema;
        this.history = history;
        this.scripts = List.copyOf(scripts);
        this.listener = listener;
        this.rollbacks = config.requireRollback()
                ? MigrationDiscovery.rollbackScripts(config.rollbackMigrations().isEmpty()
                        ? config.migrations() : config.rollbackMigrations())
                : Map.of();
    }

    /** True for a statement that creates, alters or drops a role, or grants or revokes a role membership. */
    static boolean changesRoles(String sql) {
        String text = LEADING_COMMENTS.matcher(sql).replaceFirst("");
        return ROLE_STATEMENT.matcher(text).find();
    }

    /** Rehearses every migration in a sibling database of {@code main}'s server, which it drops afterwards. */
    public RehearsalOutcome run(ThrowawayPostgres main) {
        Map<Integer, RehearsalOutcome.Step> steps = new LinkedHashMap<>();
        Database database = new Database(main);
        try {
            for (AppliedScript script : scripts) {
                int index = script.index();
                listener.progress("rehearsing " + script.migration().file() + " with rows in its tables");
                Connection c = database.connection();
                Map<Long, Count> before = fillAndCount(c);
                Migration migration = script.migration();
                boolean judgeRollback = config.requireRollback() && migration.kind() == Migration.Kind.VERSIONED;
                SchemaShape shapeBefore = judgeRollback ? shape(c) : null;
                try {
                    apply(c, migration, script.statements());
                } catch (MigrationException withRows) {
                    boolean causedByMigrations = causedByMigrationValues(c, withRows, index);
                    RehearsalOutcome.Step step = confirmOnEmptyTables(database, index, withRows, causedByMigrations);
                    if (step == null) {
                        return new RehearsalOutcome(steps, database.stopped);
                    }
                    steps.put(index, step);
                    continue;
                }
                List<RehearsalOutcome.RowsLost> lost = rowsLost(before, count(c));
                RehearsalOutcome.Rollback rollback = judgeRollback ? rollback(database, script, shapeBefore) : null;
                if (database.stopped != null) {
                    steps.put(index, new RehearsalOutcome.Step(null, lost, rollback));
                    return new RehearsalOutcome(steps, database.stopped);
                }
                steps.put(index, new RehearsalOutcome.Step(null, lost, rollback));
            }
            return new RehearsalOutcome(steps, null);
        } catch (SQLException e) {
            String why = "the rehearsal database failed: " + e.getMessage();
            listener.warning("data rehearsal stopped: " + why);
            return new RehearsalOutcome(steps, why);
        } finally {
            database.close();
        }
    }

    /**
     * The migration failed with rows: empty every table and apply it again. When it then succeeds the rows caused
     * the failure; when it fails again (a migration without a transaction left half of itself behind) the
     * database is rebuilt without rows up to the migration and it is applied once more.
     *
     * @return the step, or null when the migration cannot be applied here even without rows (the rehearsal stops)
     */
    private RehearsalOutcome.Step confirmOnEmptyTables(Database database, int index, MigrationException withRows,
                                                       boolean causedByMigrations) throws SQLException {
        AppliedScript script = scripts.get(index);
        try {
            truncateAll(database.connection());
            apply(database.connection(), script.migration(), script.statements());
        } catch (MigrationException | SQLException stillFailing) {
            if (!database.rebuildThrough(index)) {
                return null;
            }
        }
        if (!causedByMigrations) {
            listener.progress("rehearsal: " + script.migration().file() + " fails on synthetic values ("
                    + withRows.getMessage().lines().findFirst().orElse("") + "); not reported: production's values "
                    + "may meet what it expects");
            return new RehearsalOutcome.Step(null, List.of(), null);
        }
        return new RehearsalOutcome.Step(withRows, List.of(), null);
    }

    /**
     * Whether the failure involves a value the migrations produced rather than one the synthetic data invented:
     * a column added after the table got its rows (its NULLs, defaults and backfills are the migrations'), or
     * added by the failing migration itself. A failure only about invented values (a CHECK that arbitrary numbers
     * break, a cast that arbitrary text cannot take) says nothing about production's rows, which the application
     * wrote, and is not reported. The columns are the ones PostgreSQL's error names, or those of the constraint
     * it names (looked up in the final schema).
     */
    private boolean causedByMigrationValues(Connection c, MigrationException failure, int index) throws SQLException {
        MigrationException.Subject subject = failure.subject();
        if (subject == null || subject.table() == null) {
            return false;
        }
        String schema = subject.schema() == null ? config.schemas().get(0) : subject.schema();
        List<String> columns = new ArrayList<>();
        if (subject.column() != null) {
            columns.add(subject.column());
        } else if (subject.constraint() != null) {
            finalSchema.tables().stream()
                    .filter(t -> t.name().schema().equals(schema) && t.name().name().equals(subject.table()))
                    .findFirst()
                    .ifPresent(t -> {
                        t.constraints().stream().filter(k -> k.name().equals(subject.constraint()))
                                .findFirst().ifPresent(k -> columns.addAll(k.columns()));
                        t.indexes().stream().filter(i -> i.name().equals(subject.constraint()))
                                .findFirst().ifPresent(i -> columns.addAll(i.columns()));
                    });
        }
        if (columns.isEmpty() && subject.constraint() != null) {
            columns.addAll(constraintColumnsInHistory(schema + "." + subject.table(), subject.constraint()));
        }
        if (columns.isEmpty()) {
            return false;
        }
        Long oid = null;
        Map<String, Integer> attnums = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT c.oid, a.attname, a.attnum
                FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
                WHERE n.nspname = ? AND c.relname = ?""")) {
            ps.setString(1, schema);
            ps.setString(2, subject.table());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    oid = rs.getLong(1);
                    if (rs.getString(2) != null) {
                        attnums.put(rs.getString(2), rs.getInt(3));
                    }
                }
            }
        }
        if (oid == null) {
            return true; // the failing migration created the table: its rows came from the migration
        }
        Set<Integer> synthetic = syntheticColumns.getOrDefault(oid, Set.of());
        Set<String> derived = derivedColumns(schema, subject.table(), index);
        for (String column : columns) {
            Integer attnum = attnums.get(column);
            if ((attnum == null || !synthetic.contains(attnum)) && !derived.contains(column)) {
                return true;
            }
        }
        return false;
    }

    private static final Pattern CONSTANT = Pattern.compile(
            "(?is)\\s*(?:NULL|TRUE|FALSE|[-+]?\\d+(?:\\.\\d+)?|'(?:[^']|'')*')(?:\\s*::\\s*[\\w .\\[\\]()\"]+)?\\s*");

    /**
     * Columns of the table that an {@code UPDATE} of the migrations up to {@code index} set from an expression that
     * is not a constant (another column, a join, a subquery): their values derive from the synthetic rows, so a
     * failure about them is as inconclusive as one about the invented values themselves.
     */
    private Set<String> derivedColumns(String schema, String table, int index) {
        Set<String> derived = new HashSet<>();
        for (MigrationStep step : history.steps()) {
            if (step.script().index() > index) {
                break;
            }
            for (StatementEffect effect : step.statements()) {
                effect.data().ifPresent(data -> {
                    boolean ours = data.tables().stream()
                            .anyMatch(w -> w.equals(table) || w.equals(schema + "." + table));
                    if (ours) {
                        data.assignments().forEach((column, value) -> {
                            if (value == null || !CONSTANT.matcher(value).matches()) {
                                derived.add(column);
                            }
                        });
                    }
                });
            }
        }
        return derived;
    }

    /**
     * The columns a constraint that no longer exists in the final schema named, from the main run's journal: the
     * table's columns whose names appear as words in its definition.
     */
    private List<String> constraintColumnsInHistory(String table, String constraint) {
        for (MigrationStep step : history.steps()) {
            for (StatementEffect effect : step.statements()) {
                for (TableChange change : effect.changes()) {
                    for (TableState state : change.during()) {
                        if (!state.qualifiedName().equals(table)) {
                            continue;
                        }
                        var found = state.constraint(constraint);
                        if (found.isPresent()) {
                            String definition = found.get().definition();
                            return state.columns().stream().map(TableState.ColumnState::name)
                                    .filter(name -> Pattern.compile("(?<![\\w$])\"?" + Pattern.quote(name)
                                            + "\"?(?![\\w$])").matcher(definition).find())
                                    .toList();
                        }
                    }
                }
            }
        }
        return List.of();
    }

    /** Applies the rollback, compares the schema with the one before the migration, applies the migration again. */
    private RehearsalOutcome.Rollback rollback(Database database, AppliedScript script, SchemaShape shapeBefore)
            throws SQLException {
        Migration rollback = rollbacks.get(script.migration().version());
        if (rollback == null) {
            return new RehearsalOutcome.Rollback(RehearsalOutcome.Rollback.Kind.MISSING, null, null, List.of());
        }
        Connection c = database.connection();
        try {
            apply(c, rollback, SqlScriptReader.read(rollback, listener));
        } catch (MigrationException e) {
            database.rebuildThrough(script.index());
            return new RehearsalOutcome.Rollback(RehearsalOutcome.Rollback.Kind.FAILED, rollback.file(), e, List.of());
        }
        List<String> differences = shapeBefore.differences(shape(c));
        if (!differences.isEmpty()) {
            database.rebuildThrough(script.index());
            return new RehearsalOutcome.Rollback(RehearsalOutcome.Rollback.Kind.DIFFERENT, rollback.file(), null,
                    differences);
        }
        try {
            apply(c, script.migration(), script.statements());
        } catch (MigrationException e) {
            database.rebuildThrough(script.index());
            return new RehearsalOutcome.Rollback(RehearsalOutcome.Rollback.Kind.REAPPLY_FAILED, rollback.file(), e,
                    List.of());
        }
        return new RehearsalOutcome.Rollback(RehearsalOutcome.Rollback.Kind.RESTORED, rollback.file(), null, List.of());
    }

    private static void apply(Connection c, Migration migration, List<SqlStatement> statements) throws SQLException {
        new MigrationRunner(c).apply(migration, statements, SKIP_ROLE_STATEMENTS);
        try (Statement s = c.createStatement()) {
            s.execute("RESET SESSION AUTHORIZATION; RESET ROLE; RESET search_path");
        }
    }

    private SchemaShape shape(Connection c) throws SQLException {
        return SchemaShape.of(CatalogReader.read(c, config.schemas()));
    }

    /** A table's identity and rows at one moment. */
    private record Count(long oid, String table, boolean partition, long rows) {
    }

    /**
     * Every table of the judged schemas with its exact row count ({@link CatalogReader#rowCounts}, in batches); a
     * partitioned table holds the rows of its leaf partitions.
     */
    private Map<Long, Count> count(Connection c) throws SQLException {
        record Listed(long oid, String table, boolean partitioned, boolean partition, long root) {
        }
        List<Listed> listed = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT c.oid, n.nspname, c.relname, c.relkind = 'p', c.relispartition,
                       coalesce(pg_partition_root(c.oid)::oid, c.oid)
                FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE c.relkind IN ('r', 'p') AND n.nspname = ANY (?)
                ORDER BY n.nspname, c.relname""")) {
            ps.setArray(1, c.createArrayOf("text", config.schemas().toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (!TenantModel.isToolTable(rs.getString(3))) {
                        listed.add(new Listed(rs.getLong(1), rs.getString(2) + "." + rs.getString(3),
                                rs.getBoolean(4), rs.getBoolean(5), rs.getLong(6)));
                    }
                }
            }
        }
        Map<Long, Long> rows = CatalogReader.rowCounts(c, listed.stream().map(Listed::oid).toList());
        Map<Long, Long> byRoot = new HashMap<>();
        for (Listed table : listed) {
            if (table.partition()) {
                byRoot.merge(table.root(), rows.getOrDefault(table.oid(), 0L), Long::sum);
            }
        }
        Map<Long, Count> counts = new LinkedHashMap<>();
        for (Listed table : listed) {
            long n = table.partitioned() && !table.partition() ? byRoot.getOrDefault(table.oid(), 0L)
                    : rows.getOrDefault(table.oid(), 0L);
            counts.put(table.oid(), new Count(table.oid(), table.table(), table.partition(), n));
        }
        return counts;
    }

    /** Fills every empty table that can be filled, then counts. */
    private Map<Long, Count> fillAndCount(Connection c) throws SQLException {
        Map<Long, Count> counts = count(c);
        Set<Long> empty = new HashSet<>();
        for (Count count : counts.values()) {
            if (count.rows() == 0 && !count.partition() && !unfillable.contains(count.oid())) {
                empty.add(count.oid());
            }
        }
        if (empty.isEmpty()) {
            return counts;
        }
        CatalogSnapshot snapshot = CatalogReader.read(c, config.schemas());
        TenantModel tenancy = new TenantModel(snapshot, config.tenantColumns(), config.tenantTable(),
                config.globalTables(), config.schemas());
        List<Table> tables = snapshot.tables().stream().filter(t -> empty.contains(t.oid())).toList();
        SyntheticData.Result filled = new SyntheticData(snapshot, tenancy).fill(c, tables);
        for (Table table : tables) {
            var rows = filled.of(table.name());
            if (rows.isEmpty() || rows.get().rows().isEmpty()) {
                unfillable.add(table.oid());
            } else {
                Set<Integer> attnums = new HashSet<>();
                table.columns().forEach(col -> attnums.add(col.attnum()));
                syntheticColumns.put(table.oid(), attnums);
            }
        }
        return count(c);
    }

    /**
     * Tables that held rows before the migration and hold fewer after it: by oid while the table exists (renames
     * included), by name when the migration replaced it with a new table of the same name. A table that is gone
     * altogether was dropped, which {@code destructive-statement} reports.
     */
    private static List<RehearsalOutcome.RowsLost> rowsLost(Map<Long, Count> before, Map<Long, Count> after) {
        Map<String, Count> afterByName = new HashMap<>();
        after.values().forEach(c -> afterByName.put(c.table(), c));
        List<RehearsalOutcome.RowsLost> lost = new ArrayList<>();
        for (Count was : before.values()) {
            if (was.rows() == 0 || was.partition()) {
                continue;
            }
            Count now = after.containsKey(was.oid()) ? after.get(was.oid()) : afterByName.get(was.table());
            if (now != null && now.rows() < was.rows()) {
                lost.add(new RehearsalOutcome.RowsLost(now.table(), was.rows(), now.rows()));
            }
        }
        return lost;
    }

    private void truncateAll(Connection c) throws SQLException {
        List<String> tables = new ArrayList<>();
        for (Count count : count(c).values()) {
            if (!count.partition()) {
                tables.add(quoted(count.table()));
            }
        }
        unfillable.clear();
        if (!tables.isEmpty()) {
            try (Statement s = c.createStatement()) {
                s.execute("TRUNCATE " + String.join(", ", tables) + " CASCADE");
            }
        }
    }

    private static String quoted(String qualified) {
        int dot = qualified.indexOf('.');
        return Sql.ident(qualified.substring(0, dot)) + "." + Sql.ident(qualified.substring(dot + 1));
    }

    /** The sibling database, rebuilt from nothing when a failure leaves it in a state the migrations never made. */
    private final class Database {
        private final ThrowawayPostgres main;
        private ThrowawayPostgres sibling;
        private Connection connection;
        String stopped;

        Database(ThrowawayPostgres main) {
            this.main = main;
        }

        Connection connection() throws SQLException {
            if (connection == null) {
                sibling = main.sibling();
                connection = sibling.connectAsAdmin();
            }
            return connection;
        }

        /**
         * A new sibling with migrations 0 to {@code index} applied on empty tables.
         *
         * @return false when one of them fails there (then {@link #stopped} says why)
         */
        boolean rebuildThrough(int index) throws SQLException {
            close();
            unfillable.clear();
            Connection c = connection();
            for (AppliedScript script : scripts.subList(0, index + 1)) {
                try {
                    apply(c, script.migration(), script.statements());
                } catch (MigrationException e) {
                    stopped = script.migration().file() + " cannot be applied in the rehearsal database even without "
                            + "rows: " + e.getMessage().lines().findFirst().orElse("")
                            + " (roles are shared with the main database; role statements are skipped here)";
                    listener.warning("data rehearsal stopped: " + stopped);
                    return false;
                }
            }
            return true;
        }

        void close() {
            try {
                if (connection != null) {
                    connection.close();
                }
            } catch (SQLException ignored) {
                // the database is dropped next
            } finally {
                connection = null;
                if (sibling != null) {
                    sibling.close();
                    sibling = null;
                }
            }
        }
    }
}
