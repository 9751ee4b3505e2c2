package dev.dbguard.core.format;

import dev.dbguard.core.api.DbGuardException;
import dev.dbguard.core.api.GuardConfig;
import dev.dbguard.core.api.RunListener;
import dev.dbguard.core.journal.AppliedScript;
import dev.dbguard.core.journal.DdlJournal;
import dev.dbguard.core.migration.Migration;
import dev.dbguard.core.migration.MigrationException;
import dev.dbguard.core.migration.SqlScriptReader;
import dev.dbguard.core.migration.MigrationRunner;
import dev.dbguard.core.api.MigrationSettings;
import dev.dbguard.core.migration.SqlStatement;
import dev.dbguard.core.postgres.ThrowawayPostgres;
import dev.dbguard.core.api.AppliedMigration;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/**
 * Migrations Flyway applies, through flyway-core: its locations ({@code filesystem:} and {@code classpath:}),
 * placeholders, SQL migration prefix, versioned, repeatable and baseline migrations, SQL callbacks in the
 * locations, Java migrations on the project's class path, its transaction handling and its schema history table.
 *
 * <p>One {@code migrate}, as in production. A db-guard callback runs on Flyway's own connection before each
 * migration and before each statement Flyway executes ({@code beforeEachMigrate},
 * {@code beforeEachMigrateStatement}, both in the open-source edition) and tags the DDL journal, so the journal
 * records the schema after every statement, as for plain SQL. The lines of the statements come from the script
 * (see {@link StatementLines}); a Java migration is one unit whose DDL points at the migration. Flyway's schema
 * history table is dropped after the run: it is Flyway's bookkeeping, not the application's schema.
 */
public final class FlywayMigrationSource implements MigrationSource {

    /**
     * What a Java migration's one statement says: its work is Java code, not SQL, so nothing can replay it (the
     * data rehearsal checks for this).
     */
    public static final String JAVA_MIGRATION = "-- Java migration ";

    /** True when {@code script} is a Java migration, whose work no SQL replays. */
    @Override
    public Optional<String> rehearsalBlocker(List<AppliedScript> scripts) {
        return scripts.stream().filter(FlywayMigrationSource::isJavaMigration).findFirst()
                .map(s -> s.migration().file() + " is a Java migration, which the rehearsal cannot replay");
    }

    public static boolean isJavaMigration(AppliedScript script) {
        return script.statements().stream().anyMatch(st -> st.sql().startsWith(JAVA_MIGRATION));
    }


    private final MigrationSettings settings;
    private final List<String> locations;
    /** Whether this run could continue from kept migrations ({@link #resumable()}), found out once per source. */
    private Boolean resumable;

    public FlywayMigrationSource(GuardConfig config) {
        this.settings = config.migrationSettings();
        List<String> chosen = new ArrayList<>(settings.locations());
        if (chosen.isEmpty()) {
            for (Path folder : config.migrations()) {
                if (!Files.isDirectory(folder)) {
                    throw new MigrationException(folder.toString(), 0, null, "migrations location " + folder
                            + " does not exist or is not a folder: the `migrations` parameter points there;"
                            + " set it to the folder of the Flyway scripts, or set `locations`");
                }
                chosen.add("filesystem:" + folder.toAbsolutePath().normalize());
            }
        }
        for (String location : chosen) {
            if (location.startsWith("filesystem:")) {
                Path folder = Path.of(location.substring("filesystem:".length()));
                if (!Files.isDirectory(folder)) {
                    throw new MigrationException(location, 0, null, "Flyway location " + location
                            + " does not exist or is not a folder: correct `locations`");
                }
            }
        }
        this.locations = List.copyOf(chosen);
    }

    @Override
    public String describe() {
        return "Flyway (" + String.join(", ", locations) + ")";
    }

    @Override
    public Applied apply(ThrowawayPostgres database, Connection admin, RunListener listener) {
        Recorder recorder = new Recorder(listener, 0);
        FluentConfiguration configuration = configure(database, recorder);
        Flyway flyway = migrate(configuration, recorder);
        if (recorder.units.isEmpty()) {
            listener.warning("Flyway found no migration in " + String.join(", ", locations)
                    + "; check `locations` and `sqlMigrationPrefix`");
        }
        return applied(admin, flyway, recorder, new Applied(List.of(), List.of(), List.of()));
    }

    /** Flyway settings that change which migrations run, in which order, or what else runs with them. */
    private static final List<String> CHANGES_WHAT_RUNS = List.of("flyway.baselineOnMigrate", "flyway.baselineVersion",
            "flyway.outOfOrder", "flyway.target", "flyway.cherryPick", "flyway.ignoreMigrationPatterns",
            "flyway.skipExecutingMigrations", "flyway.callbacks", "flyway.javaMigrations", "flyway.resolvers",
            "flyway.skipDefaultResolvers", "flyway.skipDefaultCallbacks", "flyway.ignoreIgnoredMigrations",
            "flyway.ignorePendingMigrations", "flyway.ignoreMissingMigrations", "flyway.ignoreFutureMigrations");
    /** SQL callbacks: Flyway runs them around every migrate, so a continued run would run them again. */
    private static final java.util.regex.Pattern CALLBACK = java.util.regex.Pattern.compile("(?:before|after)[A-Z]\\w*(?:__.*)?\\.sql");

    /**
     * SQL scripts in {@code filesystem:} locations, with no SQL callback, no baseline and no setting that changes
     * which migrations run or in which order: then the migrations Flyway applies after a kept database's are the
     * ones a run from nothing applies after them, which {@link #applyAfter} checks with Flyway's own list.
     */
    @Override
    public boolean resumable() {
        if (resumable == null) {
            resumable = continuesKeptMigrations();
        }
        return resumable;
    }

    private boolean continuesKeptMigrations() {
        if (settings.baselineVersion() != null
                || CHANGES_WHAT_RUNS.stream().anyMatch(settings.flywayConfiguration()::containsKey)) {
            return false;
        }
        for (String location : locations) {
            if (!location.startsWith("filesystem:")) {
                return false;
            }
            try (java.util.stream.Stream<Path> files = Files.walk(Path.of(location.substring("filesystem:".length())))) {
                if (files.anyMatch(f -> CALLBACK.matcher(f.getFileName().toString()).matches())) {
                    return false;
                }
            } catch (IOException | java.io.UncheckedIOException e) {
                return false;
            }
        }
        return true;
    }

    /** Only versioned SQL migrations: a repeatable one runs after every versioned one, a Java one is not SQL. */
    @Override
    public boolean keepable(List<AppliedScript> scripts) {
        return resumable() && scripts.stream().allMatch(script -> script.migration().version() != null
                && !isJavaMigration(script));
    }

    @Override
    public Applied applyAfter(ThrowawayPostgres database, Connection admin, RunListener listener, Applied kept) {
        int applied = kept.scripts().size();
        String last = kept.scripts().get(applied - 1).migration().version();
        Recorder recorder = new Recorder(listener, applied);
        // the kept database holds the first migrations but not Flyway's history table (dropped after every run):
        // Flyway baselines it at the last kept version and applies the versions after it. Baselined explicitly: on
        // migrate, Flyway baselines only a default schema that holds something, and would apply everything again
        FluentConfiguration configuration = configure(database, recorder).baselineVersion(last)
                .baselineDescription("db-guard: the first " + applied + " migrations, kept");
        MigrationInfo[] all;
        try {
            all = quietly(() -> configuration.load().info().all());
        } catch (RuntimeException e) {
            throw new CannotContinue("Flyway cannot list the migrations (" + e.getMessage() + ")");
        }
        MigrationVersion baseline = MigrationVersion.fromVersion(last);
        for (int i = 0; i < all.length; i++) {
            MigrationInfo info = all[i];
            boolean fits = i < applied
                    ? info.getScript().equals(kept.scripts().get(i).migration().file()) && info.getVersion() != null
                            && info.getVersion().getVersion().equals(kept.scripts().get(i).migration().version())
                    : info.getVersion() == null || info.getVersion().compareTo(baseline) > 0;
            if (!fits) {
                throw new CannotContinue("Flyway orders " + info.getScript() + " where the kept migrations had "
                        + (i < applied ? kept.scripts().get(i).migration().file() : "none"));
            }
        }
        if (all.length < applied) {
            throw new CannotContinue("Flyway finds " + all.length + " migrations, fewer than the " + applied + " kept");
        }
        try {
            quietly(() -> {
                configuration.load().baseline();
                return null;
            });
        } catch (RuntimeException e) {
            throw new CannotContinue("Flyway cannot baseline the kept database (" + e.getMessage() + ")");
        }
        Flyway flyway;
        try {
            flyway = migrate(configuration, recorder);
        } catch (DbGuardException e) {
            // a run from nothing decides whether the migrations fail: it says so as it would without a kept state
            throw new CannotContinue("Flyway could not apply the migrations after the kept ones ("
                    + e.getMessage().lines().findFirst().orElse("") + ")");
        }
        return applied(admin, flyway, recorder, kept);
    }

    private FluentConfiguration configure(ThrowawayPostgres database, Recorder recorder) {
        FluentConfiguration configuration = Flyway.configure(settings.effectiveClassLoader())
                // first: what the project's flyway-maven-plugin says (mixed, table, outOfOrder, ...); below, what
                // db-guard must decide itself (the database, the callback) and the settings named on their own
                .configuration(settings.flywayConfiguration())
                .dataSource(new AdminDataSource(database))
                .locations(locations.toArray(String[]::new))
                .placeholders(settings.placeholders())
                .callbacks(recorder)
                .cleanDisabled(true);
        if (settings.placeholderPrefix() != null) {
            configuration.placeholderPrefix(settings.placeholderPrefix());
        }
        if (settings.placeholderSuffix() != null) {
            configuration.placeholderSuffix(settings.placeholderSuffix());
        }
        if (settings.sqlMigrationPrefix() != null) {
            configuration.sqlMigrationPrefix(settings.sqlMigrationPrefix());
        }
        if (settings.baselineVersion() != null) {
            configuration.baselineVersion(settings.baselineVersion());
        }
        if (!settings.flywaySchemas().isEmpty()) {
            configuration.schemas(settings.flywaySchemas().toArray(String[]::new));
        }
        // Flyway logs through java.util.logging here, whatever else is on the class path, so quietly() applies
        configuration.loggers("org.flywaydb.core.internal.logging.javautil.JavaUtilLogCreator");
        return configuration;
    }

    /** One {@code migrate}, its failure said as db-guard's, with Flyway's INFO narration quiet. */
    private Flyway migrate(FluentConfiguration configuration, Recorder recorder) {
        try {
            return quietly(() -> {
                Flyway flyway = configuration.load();
                flyway.migrate();
                return flyway;
            });
        } catch (RuntimeException e) {
            throw recorder.failure(e, firstPending(configuration));
        }
    }

    /**
     * db-guard's progress lines say what ran: Flyway's INFO narration (a line per callback) is quiet while db-guard
     * runs it; its warnings and errors still show.
     */
    private static <T> T quietly(java.util.function.Supplier<T> work) {
        Logger flywayLog = Logger.getLogger("org.flywaydb");
        Level level = flywayLog.getLevel();
        flywayLog.setLevel(Level.WARNING);
        try {
            return work.get();
        } finally {
            flywayLog.setLevel(level);
        }
    }

    /** {@code before} and what the recorder saw, once Flyway's history table is dropped. */
    private static Applied applied(Connection admin, Flyway flyway, Recorder recorder, Applied before) {
        try {
            dropHistoryTable(admin, flyway);
        } catch (SQLException e) {
            throw new DbGuardException("db-guard could not remove Flyway's schema history table: " + e.getMessage(), e);
        }
        List<AppliedScript> scripts = new ArrayList<>(before.scripts());
        List<String> texts = new ArrayList<>(before.texts());
        List<AppliedMigration> migrations = new ArrayList<>(before.migrations());
        for (Unit unit : recorder.units) {
            scripts.add(new AppliedScript(unit.index, unit.migration, unit.statements()));
            texts.add(unit.text == null ? "" : unit.text);
            migrations.add(new AppliedMigration(unit.migration.file(), unit.migration.version(),
                    unit.executed.size(), unit.millis));
        }
        return new Applied(scripts, texts, migrations);
    }

    /** The file of the first migration Flyway has not applied, or null when it cannot say. */
    private static String firstPending(FluentConfiguration configuration) {
        try {
            MigrationInfo[] pending = configuration.load().info().pending();
            return pending.length == 0 ? null : pending[0].getScript();
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The history table is Flyway's, not the application's: the rules must not judge it. */
    private static void dropHistoryTable(Connection admin, Flyway flyway) throws SQLException {
        var configuration = flyway.getConfiguration();
        String schema = configuration.getDefaultSchema();
        if (schema == null && configuration.getSchemas().length > 0) {
            schema = configuration.getSchemas()[0];
        }
        DdlJournal.untag(admin);
        try (PreparedStatement find = admin.prepareStatement("""
                SELECT format('DROP TABLE %I.%I', n.nspname, c.relname)
                FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE c.relname = ? AND c.relkind IN ('r', 'p')
                  AND n.nspname = coalesce(?, current_schema())
                  AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'installed_rank')""")) {
            find.setString(1, configuration.getTable());
            find.setString(2, schema);
            List<String> drops = new ArrayList<>();
            try (ResultSet rs = find.executeQuery()) {
                while (rs.next()) {
                    drops.add(rs.getString(1));
                }
            }
            try (Statement s = admin.createStatement()) {
                for (String drop : drops) {
                    s.execute(drop);
                }
            }
        }
    }

    /** One Flyway migration as it ran. */
    private static final class Unit {
        final int index;
        final Migration migration;
        final String text;
        final boolean sql;
        final List<String> executed = new ArrayList<>();
        final long started = System.nanoTime();
        long millis;

        Unit(int index, Migration migration, String text, boolean sql) {
            this.index = index;
            this.migration = migration;
            this.text = text;
            this.sql = sql;
        }

        List<SqlStatement> statements() {
            if (!sql) {
                // a Java migration: its DDL is attributed to the migration as a whole
                return List.of(new SqlStatement(0, 1, JAVA_MIGRATION + migration.file()));
            }
            return StatementLines.map(migration.file(), text, executed, 1);
        }
    }

    /** The db-guard callback: tags the journal on Flyway's connection, and remembers what ran. */
    private static final class Recorder implements Callback {
        private final RunListener listener;
        final List<Unit> units = new ArrayList<>();
        private Unit current;

        /** The index of the first migration this run applies: the count of those a kept database holds. */
        private final int first;

        Recorder(RunListener listener, int first) {
            this.listener = listener;
            this.first = first;
        }

        @Override
        public boolean supports(Event event, Context context) {
            return event == Event.BEFORE_EACH_MIGRATE || event == Event.BEFORE_EACH_MIGRATE_STATEMENT
                    || event == Event.AFTER_EACH_MIGRATE;
        }

        @Override
        public boolean canHandleInTransaction(Event event, Context context) {
            return true;
        }

        @Override
        public void handle(Event event, Context context) {
            try {
                if (event == Event.BEFORE_EACH_MIGRATE) {
                    current = unit(first + units.size(), context.getMigrationInfo());
                    units.add(current);
                    listener.progress("applying " + current.migration.file() + " (Flyway)");
                    DdlJournal.tag(context.getConnection(), current.index, 0);
                } else if (event == Event.BEFORE_EACH_MIGRATE_STATEMENT && current != null) {
                    current.executed.add(StatementLines.withoutDelimiter(context.getStatement().getSql()));
                    DdlJournal.tag(context.getConnection(), current.index, current.executed.size() - 1);
                } else if (event == Event.AFTER_EACH_MIGRATE && current != null) {
                    if (current.sql && current.executed.isEmpty()) {
                        listener.warning(SqlScriptReader.emptyWarning(current.migration.file()));
                    }
                    current.millis = (System.nanoTime() - current.started) / 1_000_000;
                    DdlJournal.untag(context.getConnection());
                    current = null;
                }
            } catch (SQLException e) {
                throw new FlywayException("db-guard could not tag the DDL journal: " + e.getMessage(), e);
            }
        }

        @Override
        public String getCallbackName() {
            return "db-guard journal";
        }

        private static Unit unit(int index, MigrationInfo info) {
            String script = info.getScript();
            String physical = info.getPhysicalLocation();
            Path path = physical == null || physical.isBlank() ? null : Path.of(physical);
            boolean sql = script.endsWith(".sql");
            String text = null;
            if (sql && path != null && Files.isRegularFile(path)) {
                try {
                    text = Files.readString(path, StandardCharsets.UTF_8).replace("\r\n", "\n").replace('\r', '\n');
                } catch (IOException e) {
                    text = null; // Flyway read it; lines fall back to the first statement
                }
            }
            String version = info.getVersion() == null ? null : info.getVersion().getVersion();
            Migration.Kind kind = version != null ? Migration.Kind.VERSIONED : Migration.Kind.REPEATABLE;
            Path location = path != null && path.getParent() != null ? path.getParent() : Path.of("");
            return new Unit(index, new Migration(location, path, script, version, info.getDescription(), kind), text, sql);
        }

        /** Flyway's failure as db-guard's: the file and line of the statement PostgreSQL rejected when known. */
        DbGuardException failure(RuntimeException e, String pending) {
            SQLException sql = sqlCause(e);
            Unit unit = current != null ? current : null;
            if (unit != null && sql != null && unit.sql && !unit.executed.isEmpty()) {
                List<SqlStatement> statements = unit.statements();
                SqlStatement last = statements.get(statements.size() - 1);
                String note = "\n  note: Flyway applied this migration; what Flyway commits on failure is what stays applied";
                if ("55P03".equals(sql.getSQLState())
                        && last.sql().toUpperCase(java.util.Locale.ROOT).contains("CONCURRENTLY")) {
                    note = "\n  note: this statement waited " + AdminDataSource.LOCK_TIMEOUT + " on Flyway's own"
                            + " transactional lock: Flyway holds it in an open transaction for the whole run, and a"
                            + " CONCURRENTLY build waits for every open transaction, so in production this migration"
                            + " hangs. Set postgresql.transactional.lock=false in Flyway's configuration (flyway.conf, or"
                            + " the flyway-maven-plugin block, which db-guard reads), or build the index in a"
                            + " transactional statement if the table is small" + note;
                }
                return MigrationRunner.rejected(unit.migration, last, sql, note);
            }
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip();
            if (unit != null) {
                return new MigrationException(unit.migration.file(), 0, sql == null ? null : sql.getSQLState(),
                        unit.migration.file() + ": Flyway could not apply it: " + message);
            }
            String hint = message.contains("mixed is false")
                    ? "; Flyway refuses this in production too: split the migration, or set <mixed>true</mixed> in the"
                            + " flyway-maven-plugin block (db-guard reads it; with CREATE INDEX CONCURRENTLY Flyway then"
                            + " also needs postgresql.transactional.lock=false, or the index build waits on Flyway's own"
                            + " lock), or set format plain if Flyway does not apply these migrations"
                    : "";
            // Flyway refuses some migrations before running them (mixed statements): the first one still pending
            return new DbGuardException((pending == null ? "" : pending + ": ") + "Flyway refused "
                    + (pending == null ? "the migrations" : "this migration") + ": " + message + hint);
        }

        private static SQLException sqlCause(Throwable e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof SQLException s) {
                    return s;
                }
            }
            return null;
        }
    }
}
