package dev.dbguard.core.rehearsal;

import dev.dbguard.core.api.GuardConfig;
import dev.dbguard.core.api.RunListener;
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
import dev.dbguard.core.migration.StatementText;
import dev.dbguard.core.postgres.ThrowawayPostgres;
import dev.dbguard.core.synthetic.SyntheticData;
import dev.dbguard.core.role.MigrationRole;
import dev.dbguard.core.role.RoleEvent;
import dev.dbguard.core.role.RoleSession;
import dev.dbguard.core.journal.StatementKey;
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

    private final GuardConfig config;
    private final List<AppliedScript> scripts;
    private final RunListener listener;
    private final Map<String, Migration> rollbacks;
    /** The main run's: read only when a migration fails with rows, so the rehearsal can start before they exist. */
    private final java.util.function.Supplier<CatalogSnapshot> finalSchema;
    private final java.util.function.Supplier<SchemaHistory> history;
    /** With {@code migrationRole}: the role every migration is applied as here too, and the session doing so. */
    private final MigrationRole role;
    private RoleSession session;
    /** The current sibling connection and the same connection applying statements as the role. */
    private Connection raw;
    private Connection migrator;

    /** Per table oid, the columns (attnums) the synthetic data gave values; columns added later hold the migrations' values. */
    private final Map<Long, Set<Integer>> syntheticColumns = new HashMap<>();

    /** Table oids the synthetic data could not fill: not tried again until the tables are reset. */
    private final Set<Long> unfillable = new HashSet<>();
    /**
     * The last exact row count of each table (by oid, partitions on their own), reused while only migrations that
     * cannot remove a row ran: counting every table before and after every migration was most of the rehearsal's time.
     */
    private final Map<Long, Long> knownRows = new HashMap<>();
    /** Each partition's root table, as of the last count. */
    private final Map<Long, Long> rootOf = new HashMap<>();
    /** Set once a migration creates an event trigger: from then on any DDL may run code, and every table is counted. */
    private boolean eventTriggerCreated;

    /** Where an earlier run's rehearsal of the first migrations stood, continued here; null to start from nothing. */
    private RehearsalState resumed;
    /** Whether to keep the database and the state at the end ({@link #keepDatabase}). */
    private boolean keep;
    /**
     * The constraints a failure with rows named, with the columns the main run's final catalogue (or history) gave
     * them: what the rehearsal judged from migrations that may come after the failing one. Kept with the state, so a
     * run that continues it can check that its own final schema gives the same ({@link RehearsalState#judgedAlike}).
     */
    private final List<RehearsalState.ConstraintLookup> lookups = new ArrayList<>();

    // --- round trips saved per migration: the table list and whether the schema has code, read again only when a
    // migration may have changed them (most migrations alter columns, indexes and policies of existing tables)
    /** The tables as last listed, and whether nothing since can have changed that list. */
    private List<Listed> listed;
    private boolean listedValid;
    /** Whether the schema has code a write could run, null when not known since the last migration that may add some. */
    private Boolean hasCode;
    /** Statements that leave the list of tables (oids, names, partitions) as it is. */
    private static final Pattern KEEPS_TABLE_LIST = Pattern.compile(
            "^(?:CREATE\\s+(?:UNIQUE\\s+)?INDEX|(?:CREATE|ALTER|DROP)\\s+POLICY|COMMENT|GRANT|REVOKE|SET|RESET"
                    + "|INSERT|UPDATE|ALTER\\s+TABLE)\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern CHANGES_TABLE_LIST = Pattern.compile(
            "\\b(?:RENAME\\s+TO|SET\\s+SCHEMA|ATTACH|DETACH)\\b", Pattern.CASE_INSENSITIVE);

    private static boolean keepsTableList(List<SqlStatement> statements) {
        for (SqlStatement statement : statements) {
            String text = StatementText.withoutLeadingComments(statement.sql());
            if (!KEEPS_TABLE_LIST.matcher(text).find() || CHANGES_TABLE_LIST.matcher(text).find()) {
                return false;
            }
        }
        return true;
    }

    private static boolean definesCode(List<SqlStatement> statements) {
        return statements.stream().anyMatch(st -> DEFINES_CODE.matcher(
                StatementText.withoutLeadingComments(st.sql())).find());
    }

    private boolean hasCode(Connection c) throws SQLException {
        if (hasCode == null) {
            hasCode = schemaHasCode(c);
        }
        return hasCode;
    }

    /** After anything but a migration (a rollback, emptied tables, a rebuilt database): list and look again. */
    private void forgetTablesAndCode() {
        listedValid = false;
        hasCode = null;
    }

    /** A table as listed: its oid, name, and place among partitions. */
    private record Listed(long oid, String table, boolean partitioned, boolean partition, long root) {
    }
    // --- end of the round trips saved

    /**
     * @param finalSchema the catalogue after every migration (the main run's): names the columns of a constraint a
     *                    failing migration adds
     */
    public Rehearsal(GuardConfig config, List<AppliedScript> scripts, CatalogSnapshot finalSchema,
                     SchemaHistory history, RunListener listener) {
        this(config, scripts, finalSchema, history, listener, null);
    }

    /**
     * @param role the migration role, or null: with one, every migration is applied as that role, and each data
     *             statement also runs as a superuser (undone) to compare the rows it changes
     */
    public Rehearsal(GuardConfig config, List<AppliedScript> scripts, CatalogSnapshot finalSchema,
                     SchemaHistory history, RunListener listener, MigrationRole role) {
        this(config, scripts, () -> finalSchema, () -> history, listener, role);
    }

    /**
     * A rehearsal that can start before the main run ends ({@link EarlyRehearsal}): the main run's final catalogue
     * and history are asked for only when a migration fails with rows.
     */
    Rehearsal(GuardConfig config, List<AppliedScript> scripts, java.util.function.Supplier<CatalogSnapshot> finalSchema,
              java.util.function.Supplier<SchemaHistory> history, RunListener listener, MigrationRole role) {
        this.role = role;
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

    /**
     * Continues the rehearsal {@code state} describes, whose database the server holds (kept by an earlier run under
     * {@link RehearsalState#DATABASE}): its first {@link RehearsalState#rehearsed()} migrations, the same as this
     * run's first ones, are not rehearsed again. Not with a migration role.
     */
    public Rehearsal resumeFrom(RehearsalState state) {
        if (role != null || state.rehearsed() > scripts.size()) {
            throw new IllegalArgumentException("this rehearsal cannot continue that state");
        }
        this.resumed = state;
        return this;
    }

    /**
     * Keeps the database at the end under {@link RehearsalState#DATABASE}, instead of dropping it, and says where the
     * rehearsal stood ({@link RehearsalOutcome#kept()}), when it went through every migration and judged each from
     * what the migrations up to it did; else drops it as usual. For a server whose data directory is then kept.
     */
    public Rehearsal keepDatabase() {
        this.keep = true;
        return this;
    }

    /**
     * Statements that cannot remove a row from a table: they define or alter objects, comment, grant or set. Not
     * among them: whatever reads rows or runs code ({@code DELETE}, {@code TRUNCATE}, {@code MERGE}, {@code DO},
     * {@code CALL}, {@code SELECT}, {@code COPY}, {@code WITH}), {@code DROP}, {@code CREATE TABLE ... AS} and
     * materialized views (their query runs), extensions (their scripts run code), {@code REFRESH},
     * {@code ALTER ... DETACH PARTITION}, which takes a partition's rows from its parent, and an {@code ALTER TABLE}
     * that evaluates a function call over the rows (see {@link #RUNS_OR_MOVES_ROWS}).
     */
    private static final Pattern KEEPS_ROWS = Pattern.compile(
            "^(?:CREATE|ALTER|COMMENT|SECURITY\\s+LABEL|GRANT|REVOKE|SET|RESET)\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern RUNS_OR_MOVES_ROWS = Pattern.compile(
            "^(?:CREATE|ALTER)\\s+EXTENSION\\b|^CREATE\\s+MATERIALIZED\\b|\\bDETACH\\s+PARTITION\\b"
                    + "|^CREATE\\s+(?:(?:GLOBAL|LOCAL)\\s+)?(?:TEMP|TEMPORARY|UNLOGGED\\s+)?\\s*TABLE\\b.*\\bAS\\s*\\(?\\s*(?:SELECT|WITH|VALUES|TABLE|EXECUTE)\\b"
                    // an expression evaluated over the rows (a new column's default, USING, a CHECK) that calls a
                    // function, which may be the migrations' own and write
                    + "|^ALTER\\s+TABLE\\b.*(?:(?<!SET\\s)\\bDEFAULT|\\bUSING|\\bCHECK)\\b\\s*\\(?[^;]*?\\w\\s*\\(",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    /** {@code INSERT} and {@code UPDATE} remove no row unless a trigger, a rule or a function of the schema runs. */
    private static final Pattern WRITES_ROWS = Pattern.compile("^(?:INSERT|UPDATE)\\b", Pattern.CASE_INSENSITIVE);
    /** Statements that define code an {@code INSERT} or {@code UPDATE} of the same migration could run. */
    private static final Pattern DEFINES_CODE = Pattern.compile(
            "^(?:CREATE|ALTER)\\s+(?:OR\\s+REPLACE\\s+)?(?:CONSTRAINT\\s+)?"
                    + "(?:FUNCTION|PROCEDURE|TRIGGER|RULE|AGGREGATE|OPERATOR)\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern CREATES_EVENT_TRIGGER = Pattern.compile("^CREATE\\s+EVENT\\s+TRIGGER\\b",
            Pattern.CASE_INSENSITIVE);

    /** Whether a migration can remove rows, judged from its statements (see {@link #KEEPS_ROWS}). */
    enum RowEffect {
        /** It cannot. */
        KEEPS,
        /** It writes rows ({@code INSERT}, {@code UPDATE}): it cannot remove one unless the schema has code to run. */
        KEEPS_WITHOUT_CODE,
        /** It may. */
        MAY_REMOVE
    }

    static RowEffect rowEffect(List<SqlStatement> statements) {
        boolean writes = false;
        boolean definesCode = false;
        for (SqlStatement statement : statements) {
            String text = StatementText.withoutLeadingComments(statement.sql());
            if (WRITES_ROWS.matcher(text).find()) {
                writes = true;
                continue;
            }
            if (!KEEPS_ROWS.matcher(text).find() || RUNS_OR_MOVES_ROWS.matcher(text).find()) {
                return RowEffect.MAY_REMOVE;
            }
            definesCode |= DEFINES_CODE.matcher(text).find();
        }
        if (writes && definesCode) {
            return RowEffect.MAY_REMOVE;
        }
        return writes ? RowEffect.KEEPS_WITHOUT_CODE : RowEffect.KEEPS;
    }

    /**
     * True when a write could run code of the schema: a trigger, a rule on a table, or a volatile function or
     * procedure outside PostgreSQL's own schemas (an {@code INSERT ... SELECT f()} can do anything f does).
     */
    private static boolean schemaHasCode(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("""
                     SELECT EXISTS (SELECT 1 FROM pg_trigger WHERE NOT tgisinternal)
                         OR EXISTS (SELECT 1 FROM pg_rewrite r JOIN pg_class t ON t.oid = r.ev_class
                                    WHERE t.relkind IN ('r', 'p') AND r.rulename <> '_RETURN')
                         OR EXISTS (SELECT 1 FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                                    WHERE n.nspname NOT IN ('pg_catalog', 'information_schema')
                                      AND p.provolatile = 'v')""")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    /** Rehearses every migration in a sibling database of {@code main}'s server, which it drops afterwards. */
    public RehearsalOutcome run(ThrowawayPostgres main) {
        Map<Integer, RehearsalOutcome.Step> steps = new LinkedHashMap<>();
        Database database = new Database(main);
        int first = 0;
        if (resumed != null) {
            steps.putAll(resumed.steps());
            resumed.syntheticColumns().forEach((oid, attnums) -> syntheticColumns.put(oid, new HashSet<>(attnums)));
            unfillable.addAll(resumed.unfillable());
            knownRows.putAll(resumed.knownRows());
            rootOf.putAll(resumed.rootOf());
            eventTriggerCreated = resumed.eventTriggerCreated();
            lookups.addAll(resumed.lookups());
            database.adopt = RehearsalState.DATABASE;
            first = resumed.rehearsed();
            listener.progress("data rehearsal: continuing after the first " + first + " migrations, rehearsed by an "
                    + "earlier run");
        }
        try {
            for (AppliedScript script : scripts.subList(first, scripts.size())) {
                if (Thread.currentThread().isInterrupted()) {
                    return new RehearsalOutcome(steps, "stopped: the main run failed"); // started early, see EarlyRehearsal
                }
                int index = script.index();
                listener.progress("rehearsing " + script.migration().file() + " with rows in its tables");
                Connection c = database.connection();
                eventTriggerCreated |= script.statements().stream().anyMatch(st -> CREATES_EVENT_TRIGGER.matcher(
                        StatementText.withoutLeadingComments(st.sql())).find());
                // a migration that cannot remove a row needs no exact count of the tables it found: only new tables
                // are counted (and filled when empty)
                RowEffect effect = rowEffect(script.statements());
                boolean recount = eventTriggerCreated || effect == RowEffect.MAY_REMOVE
                        || effect == RowEffect.KEEPS_WITHOUT_CODE && hasCode(c);
                Map<Long, Count> before = fillAndCount(c, recount);
                Migration migration = script.migration();
                boolean judgeRollback = config.requireRollback() && migration.kind() == Migration.Kind.VERSIONED;
                SchemaShape shapeBefore = judgeRollback ? shape(c) : null;
                List<RoleEvent> blocked;
                try {
                    blocked = applyJudged(c, index, migration, script.statements());
                } catch (MigrationException withRows) {
                    boolean causedByMigrations = causedByMigrationValues(c, withRows, index);
                    RehearsalOutcome.Step step = confirmOnEmptyTables(database, index, withRows, causedByMigrations);
                    if (step == null) {
                        return new RehearsalOutcome(steps, database.stopped);
                    }
                    steps.put(index, step);
                    continue;
                }
                // before the count after it, which lists the tables afresh
                listedValid &= !recount && keepsTableList(script.statements());
                if (effect == RowEffect.MAY_REMOVE || definesCode(script.statements())) {
                    hasCode = null;
                }
                List<RehearsalOutcome.RowsLost> lost = recount ? rowsLost(before, count(c, true)) : List.of();
                RehearsalOutcome.Rollback rollback = judgeRollback ? rollback(database, script, shapeBefore) : null;
                if (judgeRollback) {
                    knownRows.clear(); // the rollback script and the migration ran again: count afresh
                    forgetTablesAndCode();
                }
                if (database.stopped != null) {
                    steps.put(index, new RehearsalOutcome.Step(null, lost, rollback, blocked));
                    return new RehearsalOutcome(steps, database.stopped);
                }
                steps.put(index, new RehearsalOutcome.Step(null, lost, rollback, blocked));
            }
            if (keep && database.keep()) {
                return new RehearsalOutcome(steps, null, new RehearsalState(scripts.size(), steps, syntheticColumns,
                        unfillable, knownRows, rootOf, eventTriggerCreated, lookups));
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
            columns.addAll(constraintColumns(finalSchema.get(), history.get(), schema, subject.table(),
                    subject.constraint()));
            lookups.add(new RehearsalState.ConstraintLookup(schema, subject.table(), subject.constraint(), columns));
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
        for (MigrationStep step : history.get().steps()) {
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
     * The columns of the constraint or index {@code constraint} of a table: as the final schema has them, else (a
     * constraint a later migration dropped) from the history.
     */
    static List<String> constraintColumns(CatalogSnapshot finalSchema, SchemaHistory history, String schema,
                                          String table, String constraint) {
        List<String> columns = new ArrayList<>();
        finalSchema.tables().stream()
                .filter(t -> t.name().schema().equals(schema) && t.name().name().equals(table))
                .findFirst()
                .ifPresent(t -> {
                    t.constraints().stream().filter(k -> k.name().equals(constraint))
                            .findFirst().ifPresent(k -> columns.addAll(k.columns()));
                    t.indexes().stream().filter(i -> i.name().equals(constraint))
                            .findFirst().ifPresent(i -> columns.addAll(i.columns()));
                });
        return columns.isEmpty() ? constraintColumnsInHistory(history, schema + "." + table, constraint) : columns;
    }

    /**
     * The columns a constraint that no longer exists in the final schema named, from the main run's journal: the
     * table's columns whose names appear as words in its definition.
     */
    private static List<String> constraintColumnsInHistory(SchemaHistory history, String table, String constraint) {
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

    private void apply(Connection c, Migration migration, List<SqlStatement> statements) throws SQLException {
        // as the migration role when there is one: the rehearsal's database is what production's becomes
        Connection target = session != null && c == raw ? migrator : c;
        try {
            new MigrationRunner(target).apply(migration, statements, StatementText.SKIP_ROLE_STATEMENTS);
        } finally {
            try (Statement s = target.createStatement()) {
                s.execute("RESET SESSION AUTHORIZATION; RESET ROLE; RESET search_path");
            }
        }
    }

    /**
     * Applies migration {@code index} as {@link #apply} does and returns, with a migration role, its statements
     * that changed fewer rows as that role than as a superuser, or failed only as the role.
     */
    private List<RoleEvent> applyJudged(Connection c, int index, Migration migration, List<SqlStatement> statements)
            throws SQLException {
        if (session == null) {
            apply(c, migration, statements);
            return List.of();
        }
        session.drain();
        StatementListener keyed = new StatementListener() {
            @Override
            public boolean skip(Migration m, SqlStatement statement) {
                return StatementText.SKIP_ROLE_STATEMENTS.skip(m, statement);
            }

            @Override
            public void beforeStatement(Migration m, SqlStatement statement, Connection connection) {
                session.at(new StatementKey(index, statement.index()));
            }
        };
        try {
            new MigrationRunner(migrator).apply(migration, statements, keyed);
        } finally {
            session.at(null);
            try (Statement s = migrator.createStatement()) {
                s.execute("RESET SESSION AUTHORIZATION; RESET ROLE; RESET search_path");
            }
        }
        return session.drain().stream().filter(e -> e.kind() == RoleEvent.Kind.BLOCKED_BY_RLS).toList();
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
    private Map<Long, Count> count(Connection c, boolean fresh) throws SQLException {
        List<Listed> listed = fresh || !listedValid ? list(c) : this.listed;
        this.listed = listed;
        listedValid = true;
        Set<Long> present = new HashSet<>();
        listed.forEach(t -> present.add(t.oid()));
        knownRows.keySet().retainAll(present);
        List<Long> toCount = listed.stream().map(Listed::oid).filter(oid -> fresh || !knownRows.containsKey(oid))
                .toList();
        knownRows.putAll(CatalogReader.rowCounts(c, toCount));
        Map<Long, Long> rows = knownRows;
        Map<Long, Long> byRoot = new HashMap<>();
        rootOf.clear();
        for (Listed table : listed) {
            if (table.partition()) {
                rootOf.put(table.oid(), table.root());
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

    /** Every table of the judged schemas but db-guard's and the migration tools' own, in name order. */
    private List<Listed> list(Connection c) throws SQLException {
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
        return listed;
    }

    /**
     * Fills every empty table that can be filled, then counts.
     *
     * @param fresh count every table; otherwise only those not counted before (and those filled now)
     */
    private Map<Long, Count> fillAndCount(Connection c, boolean fresh) throws SQLException {
        Map<Long, Count> counts = count(c, fresh);
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
            // counted again, with the partitions that took its rows
            knownRows.remove(table.oid());
            rootOf.forEach((partition, root) -> {
                if (root == table.oid()) {
                    knownRows.remove(partition);
                }
            });
        }
        listedValid = false; // a write of the synthetic rows may have run the schema's code
        return count(c, false);
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
        for (Count count : count(c, true).values()) {
            if (!count.partition()) {
                tables.add(quoted(count.table()));
            }
        }
        unfillable.clear();
        knownRows.clear();
        forgetTablesAndCode();
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
        /** The kept database to continue in, instead of a new sibling; null once connected. */
        String adopt;

        Database(ThrowawayPostgres main) {
            this.main = main;
        }

        Connection connection() throws SQLException {
            if (connection == null) {
                sibling = adopt != null ? main.adopt(adopt) : main.sibling();
                adopt = null;
                connection = sibling.connectAsAdmin();
                if (role != null) {
                    // the sibling is another database: the role owns it and its schemas as in the main run
                    role.own(connection, config.schemas());
                    session = session == null ? role.session(true) : session;
                    raw = connection;
                    migrator = session.wrap(connection, false);
                }
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
            knownRows.clear();
            forgetTablesAndCode();
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

        /** Keeps the database for the server's data directory instead of dropping it; false when it cannot be. */
        boolean keep() {
            if (sibling == null) {
                if (adopt == null) {
                    listener.warning("the rehearsal's database cannot be kept for the next build: it was never made");
                }
                return adopt != null; // nothing rehearsed here: the kept database is still there as it was
            }
            try {
                connection.close();
            } catch (SQLException ignored) {
                // keepAs ends every connection to it
            }
            connection = null;
            try {
                sibling.keepAs(RehearsalState.DATABASE);
            } catch (RuntimeException e) {
                listener.warning("the rehearsal's database cannot be kept for the next build: " + e.getMessage());
                sibling.close();
                sibling = null;
                return false;
            }
            sibling = null;
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
