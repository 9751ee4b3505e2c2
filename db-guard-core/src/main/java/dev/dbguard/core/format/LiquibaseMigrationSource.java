package dev.dbguard.core.format;

import dev.dbguard.core.api.Finding;
import dev.dbguard.core.api.DbGuardException;
import dev.dbguard.core.api.GuardConfig;
import dev.dbguard.core.api.RunListener;
import dev.dbguard.core.journal.AppliedScript;
import dev.dbguard.core.journal.DdlJournal;
import dev.dbguard.core.migration.Migration;
import dev.dbguard.core.migration.MigrationException;
import dev.dbguard.core.migration.MigrationRunner;
import dev.dbguard.core.api.MigrationSettings;
import dev.dbguard.core.migration.SqlStatement;
import dev.dbguard.core.postgres.ThrowawayPostgres;
import dev.dbguard.core.api.AppliedMigration;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import liquibase.Contexts;
import liquibase.UpdateSummaryOutputEnum;
import liquibase.ui.LoggerUIService;
import liquibase.GlobalConfiguration;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.Scope;
import liquibase.change.Change;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.changelog.visitor.ChangeExecListener;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.PreconditionErrorException;
import liquibase.exception.PreconditionFailedException;
import liquibase.listener.SqlListener;
import liquibase.precondition.core.PreconditionContainer;
import liquibase.resource.ClassLoaderResourceAccessor;
import liquibase.resource.CompositeResourceAccessor;
import liquibase.resource.DirectoryResourceAccessor;
import liquibase.resource.Resource;
import liquibase.resource.ResourceAccessor;

/**
 * A Liquibase changelog (XML, YAML, JSON or formatted SQL) applied by liquibase-core's {@code update}, with
 * {@code contexts}, {@code labels} and {@code defaultSchemaName}. Each changeset is one unit: a listener tags the
 * DDL journal when Liquibase starts a changeset and before every SQL statement Liquibase sends, on Liquibase's own
 * connection, so the journal records the schema after every statement. Findings point at the changelog file and
 * the line where the changeset starts; in formatted SQL changelogs at the statement's own line. The changeset's
 * {@code id::author} is in the migrations list of the reports. Liquibase's DATABASECHANGELOG and
 * DATABASECHANGELOGLOCK tables are dropped after the run: bookkeeping, not the application's schema.
 */
public final class LiquibaseMigrationSource implements MigrationSource {

    private final MigrationSettings settings;
    private final Path root;
    private final String changeLog;

    public LiquibaseMigrationSource(GuardConfig config) {
        this.settings = config.migrationSettings();
        Path file = settings.changeLogFile();
        if (file == null) {
            throw new DbGuardException("format liquibase needs a changelog: set `changeLogFile` (e.g."
                    + " src/main/resources/db/changelog/db.changelog-master.xml)");
        }
        Path absolute = file.toAbsolutePath().normalize();
        if (!Files.isRegularFile(absolute)) {
            throw new MigrationException(file.toString(), 0, null, "changeLogFile " + file + " does not exist;"
                    + " set `changeLogFile` to the Liquibase master changelog");
        }
        this.root = resourceRoot(absolute);
        this.changeLog = root.relativize(absolute).toString().replace('\\', '/');
    }

    /**
     * Paths inside a changelog are relative to the resources root, as when Liquibase reads it from the class
     * path: {@code src/main/resources} (or {@code src/test/resources}) when the changelog lies in one, else its folder.
     */
    private static Path resourceRoot(Path changeLog) {
        for (Path p = changeLog.getParent(); p != null && p.getParent() != null && p.getParent().getParent() != null;
                p = p.getParent()) {
            if (p.getFileName().toString().equals("resources") && p.getParent().getParent().getFileName().toString().equals("src")) {
                return p;
            }
        }
        return changeLog.getParent();
    }

    @Override
    public String describe() {
        return "Liquibase (" + changeLog + ")";
    }

    @Override
    public Applied apply(ThrowawayPostgres database, Connection admin, RunListener listener) {
        Recorder recorder;
        String changeLogTable;
        String lockTable;
        String liquibaseSchema;
        try (Connection connection = database.connectAsAdmin()) {
            ResourceAccessor resources = new CompositeResourceAccessor(new DirectoryResourceAccessor(root),
                    new ClassLoaderResourceAccessor(settings.effectiveClassLoader()));
            Database liquibaseDatabase = DatabaseFactory.getInstance()
                    .findCorrectDatabaseImplementation(new JdbcConnection(connection));
            if (settings.defaultSchemaName() != null) {
                liquibaseDatabase.setDefaultSchemaName(settings.defaultSchemaName());
            }
            changeLogTable = liquibaseDatabase.getDatabaseChangeLogTableName();
            lockTable = liquibaseDatabase.getDatabaseChangeLogLockTableName();
            liquibaseSchema = liquibaseDatabase.getLiquibaseSchemaName();
            recorder = new Recorder(connection, resources, listener, changeLogTable, lockTable);
            Liquibase liquibase = new Liquibase(changeLog, resources, liquibaseDatabase);
            liquibase.setChangeExecListener(recorder);
            Map<String, Object> scope = new HashMap<>();
            scope.put("liquibase.analytics.enabled", false); // no usage reports leave the build
            // the changelog folder and the project's compiled resources hold the same files: the folder wins
            scope.put(GlobalConfiguration.DUPLICATE_FILE_MODE.getKey(), GlobalConfiguration.DuplicateFileMode.SILENT);
            // db-guard's progress lines say what ran: Liquibase's console messages and summary go to its log,
            // which is quiet below WARNING while db-guard runs it
            scope.put(Scope.Attr.ui.name(), new LoggerUIService());
            scope.put("liquibase.command.showSummaryOutput", UpdateSummaryOutputEnum.LOG);
            Logger liquibaseLog = Logger.getLogger("liquibase");
            Level level = liquibaseLog.getLevel();
            liquibaseLog.setLevel(Level.WARNING);
            try {
                Scope.child(recorder.sql, scope, () -> liquibase.update(new Contexts(settings.contexts()),
                        new LabelExpression(settings.labels())));
            } finally {
                liquibaseLog.setLevel(level);
            }
        } catch (DbGuardException e) {
            throw e;
        } catch (Exception e) {
            throw failure(e);
        }
        try {
            dropBookkeeping(admin, liquibaseSchema, changeLogTable, lockTable);
        } catch (SQLException e) {
            throw new DbGuardException("db-guard could not remove Liquibase's changelog tables: " + e.getMessage(), e);
        }
        List<AppliedScript> scripts = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        List<AppliedMigration> migrations = new ArrayList<>();
        for (Unit unit : recorder.units) {
            scripts.add(new AppliedScript(unit.index, unit.migration, unit.statements()));
            texts.add(unit.text());
            migrations.add(new AppliedMigration(unit.migration.file() + "::" + unit.migration.description(), null,
                    unit.executed.size(), unit.millis));
        }
        return new Applied(scripts, texts, migrations);
    }

    private DbGuardException failure(Exception e) {
        if (e instanceof UnitFailure f) {
            return f.failure;
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnitFailure f) {
                return f.failure;
            }
        }
        return new DbGuardException("Liquibase could not apply " + changeLog + ": " + message(e));
    }

    private static String message(Throwable e) {
        Throwable deepest = e;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null) {
                deepest = t;
            }
        }
        String text = deepest.getMessage() == null ? deepest.getClass().getSimpleName() : deepest.getMessage().strip();
        return text;
    }

    /** The changelog tables are Liquibase's, not the application's: the rules must not judge them. */
    private static void dropBookkeeping(Connection admin, String schema, String... tables) throws SQLException {
        DdlJournal.untag(admin);
        for (String table : tables) {
            try (PreparedStatement find = admin.prepareStatement("""
                    SELECT format('DROP TABLE %I.%I', n.nspname, c.relname)
                    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                    WHERE c.relname = lower(?) AND c.relkind = 'r' AND n.nspname NOT IN ('pg_catalog', 'db_guard_journal')
                      AND (? IS NULL OR n.nspname = lower(?))""")) {
                find.setString(1, table);
                find.setString(2, schema);
                find.setString(3, schema);
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
    }

    /** A changeset's failure, carried through Liquibase's exceptions. */
    private static final class UnitFailure extends RuntimeException {
        final DbGuardException failure;

        UnitFailure(DbGuardException failure) {
            super(failure.getMessage());
            this.failure = failure;
        }
    }

    /** One changeset as it ran. */
    private static final class Unit {
        final int index;
        final Migration migration;
        final String fileText;
        final ChangeSetLines lines;
        final boolean sqlChangeLog;
        final List<String> executed = new ArrayList<>();
        final long started = System.nanoTime();
        long millis;

        Unit(int index, Migration migration, String fileText, ChangeSetLines lines) {
            this.index = index;
            this.migration = migration;
            this.fileText = fileText;
            this.lines = lines;
            this.sqlChangeLog = migration.file().toLowerCase(Locale.ROOT).endsWith(".sql");
        }

        int line() {
            return Math.max(1, lines.start());
        }

        String text() {
            return fileText == null || lines.start() == 0 ? "" : StatementLines.only(fileText, lines.start(), lines.end());
        }

        List<SqlStatement> statements() {
            if (sqlChangeLog && fileText != null && lines.start() > 0) {
                return StatementLines.map(migration.file(), text(), executed, line());
            }
            List<SqlStatement> statements = new ArrayList<>();
            for (String sql : executed) {
                statements.add(new SqlStatement(statements.size(), line(), sql));
            }
            if (statements.isEmpty()) {
                // a changeset whose changes sent no SQL through Liquibase's executor still owns what it did
                statements.add(new SqlStatement(0, line(), "-- changeset " + migration.description()));
            }
            return statements;
        }
    }

    /** Tags the journal on Liquibase's connection and remembers what each changeset sent. */
    private static final class Recorder implements ChangeExecListener {
        private final Connection connection;
        private final ResourceAccessor resources;
        private final RunListener listener;
        private final String changeLogTable;
        private final String lockTable;
        private final Map<String, String> files = new HashMap<>();
        final List<Unit> units = new ArrayList<>();
        private Unit current;
        final SqlListener sql = new SqlListener() {
            @Override
            public void writeSqlWillRun(String text) {
                statementWillRun(text);
            }
        };

        Recorder(Connection connection, ResourceAccessor resources, RunListener listener, String changeLogTable,
                 String lockTable) {
            this.connection = connection;
            this.resources = resources;
            this.listener = listener;
            this.changeLogTable = changeLogTable.toLowerCase(Locale.ROOT);
            this.lockTable = lockTable.toLowerCase(Locale.ROOT);
        }

        private void statementWillRun(String text) {
            if (current == null || text == null) {
                return;
            }
            String lower = text.toLowerCase(Locale.ROOT);
            if (lower.contains(changeLogTable) || lower.contains(lockTable)) {
                return; // Liquibase's own bookkeeping
            }
            current.executed.add(StatementLines.withoutDelimiter(text));
            tag(current.executed.size() - 1);
        }

        private void tag(int statement) {
            try {
                DdlJournal.tag(connection, current.index, statement);
            } catch (SQLException e) {
                throw new UnitFailure(new DbGuardException("db-guard could not tag the DDL journal: " + e.getMessage(), e));
            }
        }

        @Override
        public void willRun(ChangeSet changeSet, DatabaseChangeLog databaseChangeLog, Database database,
                            ChangeSet.RunStatus runStatus) {
            String file = changeSet.getFilePath();
            String text = files.computeIfAbsent(file, this::read);
            String description = changeSet.getId() + "::" + changeSet.getAuthor();
            Path path = Path.of(file);
            current = new Unit(units.size(), new Migration(path.getParent() == null ? Path.of("") : path.getParent(),
                    path, file, null, description, Migration.Kind.PLAIN), text,
                    ChangeSetLines.find(file, text, changeSet.getId(), changeSet.getAuthor()));
            units.add(current);
            listener.progress("applying changeset " + file + "::" + description + " (Liquibase)");
            tag(0);
        }

        private String read(String file) {
            try {
                Resource resource = resources.get(file);
                if (resource == null || !resource.exists()) {
                    return null;
                }
                try (InputStream in = resource.openInputStream()) {
                    return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\r\n", "\n").replace('\r', '\n');
                }
            } catch (IOException | RuntimeException e) {
                return null; // Liquibase read it; findings point at the changeset's first line
            }
        }

        @Override
        public void ran(ChangeSet changeSet, DatabaseChangeLog databaseChangeLog, Database database,
                        ChangeSet.ExecType execType) {
            if (current != null) {
                current.millis = (System.nanoTime() - current.started) / 1_000_000;
                try {
                    DdlJournal.untag(connection);
                } catch (SQLException e) {
                    throw new UnitFailure(new DbGuardException("db-guard could not tag the DDL journal: "
                            + e.getMessage(), e));
                }
                current = null;
            }
        }

        @Override
        public void runFailed(ChangeSet changeSet, DatabaseChangeLog databaseChangeLog, Database database,
                              Exception exception) {
            Unit unit = current;
            if (unit == null) {
                return;
            }
            SQLException sqlCause = null;
            for (Throwable t = exception; t != null; t = t.getCause()) {
                if (t instanceof SQLException s) {
                    sqlCause = s;
                    break;
                }
            }
            String where = "\n  changeset: " + unit.migration.description() + " (line " + unit.line() + ")";
            if (sqlCause != null && !unit.executed.isEmpty()) {
                List<SqlStatement> statements = unit.statements();
                throw new UnitFailure(MigrationRunner.rejected(unit.migration, statements.get(statements.size() - 1),
                        sqlCause, where));
            }
            throw new UnitFailure(new MigrationException(unit.migration.file(), unit.line(), null,
                    unit.migration.file() + ":" + unit.line() + ": Liquibase could not apply changeset "
                            + unit.migration.description() + ": " + message(exception)));
        }

        @Override
        public void willRollback(ChangeSet changeSet, DatabaseChangeLog databaseChangeLog, Database database) {
        }

        @Override
        public void rolledBack(ChangeSet changeSet, DatabaseChangeLog databaseChangeLog, Database database) {
        }

        @Override
        public void preconditionFailed(PreconditionFailedException error, PreconditionContainer.FailOption onFail) {
        }

        @Override
        public void preconditionErrored(PreconditionErrorException error, PreconditionContainer.ErrorOption onError) {
        }

        @Override
        public void willRun(Change change, ChangeSet changeSet, DatabaseChangeLog changeLog, Database database) {
        }

        @Override
        public void ran(Change change, ChangeSet changeSet, DatabaseChangeLog changeLog, Database database) {
        }

        @Override
        public void rollbackFailed(ChangeSet changeSet, DatabaseChangeLog databaseChangeLog, Database database,
                                   Exception exception) {
        }
    }

    /**
     * Liquibase findings name the changeset as well as its file and line: {@code (changeset 3-vehicles::motomind)}
     * at the end of the message, the changeset being the last one of that file starting at or before the line.
     */
    @Override
    public List<Finding> locate(List<Finding> findings, List<AppliedScript> scripts) {
        List<Finding> named = new ArrayList<>();
        for (Finding finding : findings) {
            String changeSet = null;
            int start = -1;
            if (finding.source() != null) {
                for (AppliedScript script : scripts) {
                    if (!script.migration().file().equals(finding.source().file()) || script.statements().isEmpty()) {
                        continue;
                    }
                    int line = script.statements().get(0).line();
                    if (line <= finding.source().line() && line > start) {
                        start = line;
                        changeSet = script.migration().description();
                    }
                }
            }
            named.add(changeSet == null ? finding : finding.withMessage(finding.message() + " (changeset " + changeSet + ")"));
        }
        return named;
    }
}
