package dev.dbguard.core;

import dev.dbguard.core.catalog.CatalogReader;
import dev.dbguard.core.catalog.CatalogSnapshot;
import dev.dbguard.core.format.FlywayMigrationSource;
import dev.dbguard.core.format.LiquibaseMigrationSource;
import dev.dbguard.core.format.MigrationSource;
import dev.dbguard.core.format.PlainMigrationSource;
import dev.dbguard.core.history.MigrationStep;
import dev.dbguard.core.history.Releases;
import dev.dbguard.core.history.SchemaHistory;
import dev.dbguard.core.journal.AppliedScript;
import dev.dbguard.core.journal.DdlJournal;
import dev.dbguard.core.journal.JournalEntry;
import dev.dbguard.core.journal.JournalSourceLocator;
import dev.dbguard.core.journal.TableState;
import dev.dbguard.core.postgres.DatabaseProvisioner;
import dev.dbguard.core.probe.IsolationProbe;
import dev.dbguard.core.postgres.ThrowawayPostgres;
import dev.dbguard.core.rehearsal.BackgroundRehearsal;
import dev.dbguard.core.rehearsal.EarlyRehearsal;
import dev.dbguard.core.rehearsal.Rehearsal;
import dev.dbguard.core.rehearsal.RehearsalOutcome;
import dev.dbguard.core.report.AnalysisResult;
import dev.dbguard.core.report.AppliedMigration;
import dev.dbguard.core.report.Finding;
import dev.dbguard.core.report.TableHealth;
import dev.dbguard.core.rules.BuiltInRules;
import dev.dbguard.core.rules.ExaminedTables;
import dev.dbguard.core.rules.MigrationContext;
import dev.dbguard.core.rules.MigrationRule;
import dev.dbguard.core.rules.Rule;
import dev.dbguard.core.rules.RuleSettings;
import dev.dbguard.core.rules.SchemaContext;
import dev.dbguard.core.rules.SchemaRule;
import dev.dbguard.core.rules.Suppressions;
import dev.dbguard.core.role.MigrationRole;
import dev.dbguard.core.role.RoleEvent;
import dev.dbguard.core.role.RoleSession;
import dev.dbguard.core.rules.role.BackfillBlockedByRlsRule;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The whole analysis in one straight line: read the migrations, provision a throwaway PostgreSQL, apply every
 * migration one statement at a time (journalling which statement ran which DDL), snapshot the catalogue, run
 * the rules, return the findings. Always closes the database it was given, also when a migration fails.
 */
public final class DbGuard {

    /** The version written into reports. */
    public static final String VERSION = "0.1.0";

    private final DatabaseProvisioner provisioner;

    public DbGuard() {
        this(DatabaseProvisioner.embedded());
    }

    public DbGuard(DatabaseProvisioner provisioner) {
        this.provisioner = provisioner;
    }

    /**
     * Runs the analysis.
     *
     * @throws DbGuardException with a message fit for a person when the run cannot complete (a migration
     *                          PostgreSQL rejects, unreadable files, a server that will not start)
     */
    public AnalysisResult run(GuardConfig config, RunListener listener) {
        long started = System.nanoTime();
        RuleSettings settings = RuleSettings.parse(config.rules());
        Releases.validate(config.releases(), config.productionVersion());
        // format: the source reads what it can before a server starts (plain scripts: all of them), so a file
        // that cannot be read fails in milliseconds
        MigrationSource source = MigrationSource.of(config, listener);
        if (source instanceof PlainMigrationSource plain) {
            Suppressions.read(plain.scripts(), plain.texts()); // a bad suppression fails before a server starts
        }
        try (ThrowawayPostgres database = provisioner.provision(config, listener)) {
            // --- the data rehearsal from the start when it can (plain scripts): see EarlyRehearsal
            EarlyRehearsal early = source instanceof PlainMigrationSource plain && !plain.scripts().isEmpty()
                    && config.rehearse() && rehearsalWanted(config, settings) && config.migrationRole() == null
                    && EarlyRehearsal.independent(plain.scripts())
                    ? EarlyRehearsal.start(config, plain.scripts(), database) : null;
            Applied applied;
            try {
                applied = apply(database, source, config, listener);
            } catch (RuntimeException | Error e) {
                if (early != null) {
                    early.abandon();
                }
                throw e;
            }
            // --- end of the early rehearsal
            List<AppliedScript> scripts = applied.scripts();
            // comments are not statements: suppressions and release markers are read from the text, once
            Suppressions suppressions = Suppressions.read(scripts, applied.texts());
            // --- the rehearsal (sibling database) and the probe (main database) at once: see BackgroundRehearsal
            BackgroundRehearsal background = early != null
                    ? early.mainApplied(applied.snapshot(), applied.history(), listener)
                    : BackgroundRehearsal.start(() -> rehearse(database, applied, config, settings, listener));
            SchemaContext schema;
            IsolationProbe.Outcome probe;
            BackgroundRehearsal.Held probeLines = new BackgroundRehearsal.Held();
            try {
                schema = SchemaContext.of(applied.snapshot(), config, new JournalSourceLocator(scripts, applied.journal()));
                // the isolation probe: synthetic rows for two tenants, then reads and writes across them as the app
                probe = IsolationProbe.probe(database, schema, settings, probeLines);
            } catch (RuntimeException | Error e) {
                try {
                    background.join(); // the database is closed next: not under a running rehearsal
                } catch (RuntimeException also) {
                    e.addSuppressed(also);
                }
                throw e;
            }
            RehearsalOutcome rehearsal = background.join();
            List<Finding> found = new ArrayList<>(judge(applied, schema, config, settings, rehearsal, listener));
            probeLines.sayTo(listener);
            found.addAll(probe.findings());
            // --- end of the rehearsal and the probe
            if (source instanceof LiquibaseMigrationSource) {
                found = namingChangeSets(found, scripts);
            }
            List<Finding> findings = suppressions.apply(found, listener);
            reportParsing(applied.history(), listener);
            List<TableHealth> tables = TableHealth.of(applied.snapshot(), schema.tenancy(), config.schemas(), findings);
            long millis = (System.nanoTime() - started) / 1_000_000;
            return new AnalysisResult(VERSION, database.serverVersion(), applied.migrations(), findings, millis,
                    ExaminedTables.of(schema, applied.history(), settings), tables, coverage(probe, findings));
        }
    }

    /**
     * The probe's coverage, naming the skipped tables that no row level security rule faulted: for those, nothing
     * in the run speaks to their isolation, and the console says so.
     */
    private static dev.dbguard.core.report.ProbeCoverage coverage(IsolationProbe.Outcome probe, List<Finding> findings) {
        if (probe.coverage() == null) {
            return null;
        }
        java.util.Set<String> rlsRules = new java.util.HashSet<>();
        for (Rule rule : BuiltInRules.all()) {
            if (rule.definition().section() == dev.dbguard.core.rules.Section.ROW_LEVEL_SECURITY) {
                rlsRules.add(rule.id());
            }
        }
        List<String> unproven = probe.skipped().stream().filter(table -> findings.stream()
                .noneMatch(f -> table.equals(f.table()) && rlsRules.contains(f.rule()) && !f.suppressed())).toList();
        var c = probe.coverage();
        return new dev.dbguard.core.report.ProbeCoverage(c.tenantTables(), c.probed(), c.skipped(), unproven);
    }

    /** What applying the migrations left: the migrations as applied, the final catalogue, the journal. */
    private record Applied(List<AppliedMigration> migrations, CatalogSnapshot snapshot, List<JournalEntry> journal,
                           SchemaHistory history, List<AppliedScript> scripts, List<String> texts,
                           MigrationRole role, List<RoleEvent> asMigrationRole) {
    }

    private static Applied apply(ThrowawayPostgres database, MigrationSource source, GuardConfig config,
                                 RunListener listener) {
        try (Connection admin = database.connectAsAdmin()) {
            // before the journal: what db-guard gives the role is not a migration's doing
            MigrationRole role = config.migrationRole() == null ? null
                    : MigrationRole.prepare(admin, config.migrationRole(), config.schemas());
            DdlJournal.install(admin);
            MigrationSource.Applied units;
            RoleSession session = null;
            if (role == null) {
                units = source.apply(database, admin, listener);
            } else {
                listener.progress("applying the migrations as " + role.name() + (role.created()
                        ? " (created LOGIN CREATEDB CREATEROLE NOSUPERUSER NOBYPASSRLS, owning the database and "
                                + String.join(", ", config.schemas()) + ")"
                        : " (as the init scripts created it)"));
                session = role.session(false);
                units = source.apply(session.applyingAs(database), session.wrap(admin, false), listener);
                try (Statement reset = admin.createStatement()) {
                    reset.execute("RESET SESSION AUTHORIZATION; RESET ROLE");
                }
            }
            List<AppliedScript> scripts = units.scripts();
            List<String> texts = units.texts();
            DdlJournal.flush(admin);
            CatalogSnapshot snapshot = CatalogReader.read(admin, config.schemas(), tenantTableOutsideSchemas(config));
            List<TableState> states = DdlJournal.readTableStates(admin);
            SchemaHistory history = SchemaHistory.build(scripts,
                    Releases.assign(scripts, texts, config.releases(), config.productionVersion()),
                    inProduction(scripts, config), states, DdlJournal.readDropped(admin),
                    DdlJournal.volatileFunctions(admin, SchemaHistory.functionsInDefaults(states)));
            return new Applied(units.migrations(), snapshot, DdlJournal.read(admin), history, scripts, texts, role,
                    session == null ? List.of() : session.events());
        } catch (SQLException e) {
            throw new DbGuardException("db-guard lost its connection to the throwaway PostgreSQL: "
                    + e.getMessage(), e);
        }
    }

    /** Every enabled rule: schema rules on the final catalogue, migration rules on each migration not yet in production. */
    private static List<Finding> judge(Applied applied, SchemaContext context, GuardConfig config,
                                       RuleSettings settings, RehearsalOutcome rehearsal, RunListener listener) {
        if (config.appRole() != null && applied.snapshot().role(config.appRole()).isEmpty()) {
            listener.warning("appRole " + config.appRole() + " does not exist after the migrations: the "
                    + "app-role rules cannot judge it; create the role in a migration or correct appRole");
        }
        List<Finding> findings = new ArrayList<>();
        for (Rule rule : BuiltInRules.all()) {
            if (settings.enabled(rule) && rule instanceof SchemaRule schemaRule) {
                findings.addAll(settings.apply(rule, schemaRule.check(context)));
            }
        }
        SchemaHistory history = applied.history();
        for (MigrationStep step : history.steps()) {
            if (step.inProduction()) {
                continue; // already deployed: nothing to change there any more
            }
            int index = step.script().index();
            MigrationContext migrationContext = new MigrationContext(step, history.releaseUpTo(step), history, config,
                    rehearsal.step(index), applied.asMigrationRole().stream()
                            .filter(e -> e.key() != null && e.key().migration() == index).toList());
            for (Rule rule : BuiltInRules.all()) {
                if (settings.enabled(rule) && rule instanceof MigrationRule migrationRule) {
                    findings.addAll(settings.apply(rule, migrationRule.check(migrationContext)));
                }
            }
        }
        return findings;
    }

    /**
     * Liquibase findings name the changeset as well as its file and line: {@code (changeset 3-vehicles::motomind)}
     * at the end of the message, the changeset being the last one of that file starting at or before the line.
     */
    private static List<Finding> namingChangeSets(List<Finding> findings, List<AppliedScript> scripts) {
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

    /** The rule ids that need the data rehearsal: when none is enabled, it does not run. */
    private static final java.util.Set<String> REHEARSAL_RULES = java.util.Set.of("rows-lost", "fails-on-existing-data",
            "rollback-missing", "rollback-broken");

    /**
     * The data rehearsal ({@link Rehearsal}): after the main pass, so every migration is known to apply on empty
     * tables; in a sibling database, so the migrated database holds no synthetic rows.
     */
    private static RehearsalOutcome rehearse(ThrowawayPostgres database, Applied applied, GuardConfig config,
                                             RuleSettings settings, RunListener listener) {
        List<AppliedScript> scripts = applied.scripts();
        if (!config.rehearse() || !rehearsalWanted(config, settings) || scripts.isEmpty()) {
            return RehearsalOutcome.NONE;
        }
        // the rehearsal replays the SQL each migration executed (after Flyway's placeholders, as Liquibase generated
        // it); a Java migration's work cannot be replayed, and without it the later migrations would not apply
        for (AppliedScript script : scripts) {
            if (FlywayMigrationSource.isJavaMigration(script)) {
                listener.progress("data rehearsal: skipped, " + script.migration().file()
                        + " is a Java migration, which the rehearsal cannot replay");
                return RehearsalOutcome.NONE;
            }
        }
        return new Rehearsal(config, scripts, applied.snapshot(), applied.history(), listener, applied.role())
                .run(database);
    }

    /** Whether a rule that needs the rehearsal is enabled. */
    private static boolean rehearsalWanted(GuardConfig config, RuleSettings settings) {
        return BuiltInRules.all().stream()
                .anyMatch(rule -> (REHEARSAL_RULES.contains(rule.id())
                        || config.migrationRole() != null && rule.id().equals(BackfillBlockedByRlsRule.ID))
                        && settings.enabled(rule));
    }

    /** Says how much statement detail the run had: data statements parsed, the rest judged by the catalogue. */
    private static void reportParsing(SchemaHistory history, RunListener listener) {
        int statements = 0;
        int data = 0;
        int unparsed = 0;
        for (MigrationStep step : history.steps()) {
            for (var effect : step.statements()) {
                statements++;
                if (effect.data().isPresent()) {
                    data++;
                    if (!effect.data().get().parsed()) {
                        unparsed++;
                    }
                }
            }
        }
        listener.progress(statements + " statements: " + (statements - data) + " judged through the catalogue, "
                + data + " data statements (UPDATE/DELETE/TRUNCATE) read for detail"
                + (unparsed == 0 ? "" : ", " + unparsed + " of them not parsed by JSqlParser (read from their leading words)"));
    }

    private static List<Boolean> inProduction(List<AppliedScript> scripts, GuardConfig config) {
        return scripts.stream().map(s -> Releases.inProduction(s.migration(), config.productionVersion())).toList();
    }

    /** The tenants table when it is schema-qualified into a schema that is not judged, else null. */
    private static String tenantTableOutsideSchemas(GuardConfig config) {
        String tenants = config.tenantTable();
        int dot = tenants.indexOf('.');
        return dot > 0 && !config.schemas().contains(tenants.substring(0, dot)) ? tenants : null;
    }
}
