package dev.dbguard.core;

import dev.dbguard.core.api.DbGuardVersion;
import dev.dbguard.core.api.Finding;
import dev.dbguard.core.api.GuardConfig;
import dev.dbguard.core.api.RunListener;
import dev.dbguard.core.format.MigrationSource;
import dev.dbguard.core.history.Releases;
import dev.dbguard.core.journal.JournalSourceLocator;
import dev.dbguard.core.postgres.DatabaseProvisioner;
import dev.dbguard.core.postgres.ThrowawayPostgres;
import dev.dbguard.core.probe.IsolationProbe;
import dev.dbguard.core.probe.ProbeOutcome;
import dev.dbguard.core.rehearsal.BackgroundRehearsal;
import dev.dbguard.core.rehearsal.EarlyRehearsal;
import dev.dbguard.core.rehearsal.Rehearsal;
import dev.dbguard.core.rehearsal.RehearsalOutcome;
import dev.dbguard.core.report.AnalysisResult;
import dev.dbguard.core.report.TableHealth;
import dev.dbguard.core.rules.ExaminedTables;
import dev.dbguard.core.rules.Judge;
import dev.dbguard.core.rules.Need;
import dev.dbguard.core.rules.RuleSettings;
import dev.dbguard.core.rules.SchemaContext;
import dev.dbguard.core.rules.Suppressions;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The whole analysis in one straight line: read the migrations, provision a throwaway PostgreSQL, apply every
 * migration one statement at a time (journalling which statement ran which DDL), snapshot the catalogue, run the
 * phases the enabled rules need (the data rehearsal, the isolation probe), let the rules judge, return the
 * findings. Knows no format and no rule: the {@link MigrationSource} does what its format needs, and each rule
 * says what it {@link Need needs}. Always closes the database it was given, also when a migration fails.
 *
 * <p>With {@link MigratedPrefixes}, a run whose migrations begin with those of a kept state starts its server on a
 * copy of that state, applies and rehearses only the migrations after it, and does the rest as above; every run keeps
 * the state it ends with for the next.
 */
public final class DbGuard {

    /** The version written into reports. */
    public static final String VERSION = DbGuardVersion.VALUE;

    private final DatabaseProvisioner provisioner;
    private final MigratedPrefixes prefixes;

    public DbGuard() {
        this(DatabaseProvisioner.embedded());
    }

    public DbGuard(DatabaseProvisioner provisioner) {
        this(provisioner, MigratedPrefixes.NONE);
    }

    /**
     * @param prefixes migrated states kept across builds: a run continues from the longest one its migrations begin
     *                 with, and keeps its own (plain SQL scripts without {@code migrationRole}, on a server db-guard
     *                 starts)
     */
    public DbGuard(DatabaseProvisioner provisioner, MigratedPrefixes prefixes) {
        this.provisioner = provisioner;
        this.prefixes = prefixes;
    }

    /**
     * Runs the analysis.
     *
     * @throws dev.dbguard.core.api.DbGuardException with a message fit for a person when the run cannot complete (a
     *                                               migration PostgreSQL rejects, unreadable files, a server that
     *                                               will not start)
     */
    public AnalysisResult run(GuardConfig config, RunListener listener) {
        try {
            return run(config, listener, true);
        } catch (MigrationSource.CannotContinue unfit) {
            listener.progress("the kept migrated state does not fit these migrations: " + unfit.getMessage()
                    + "; applying every migration");
            return run(config, listener, false);
        }
    }

    private AnalysisResult run(GuardConfig config, RunListener listener, boolean restore) {
        long started = System.nanoTime();
        RuleSettings settings = RuleSettings.parse(config.rules());
        Releases.validate(config.releases(), config.productionVersion());
        Judge judge = new Judge(config, settings);
        // the source reads what it can before a server starts (plain scripts: all of them), so a file that cannot
        // be read, or a suppression without a reason, fails in milliseconds
        MigrationSource source = MigrationSource.of(config, listener);
        Optional<MigrationSource.Applied> ahead = source.readAhead();
        ahead.ifPresent(read -> Suppressions.read(read.scripts(), read.texts()));
        boolean rehearse = config.rehearse() && judge.wants(Need.REHEARSAL);
        // a kept state of the first migrations, when the format can continue one (see MigrationSource#resumable)
        boolean continuable = prefixes != MigratedPrefixes.NONE && source.resumable() && config.migrationRole() == null
                && ahead.map(read -> !read.scripts().isEmpty()).orElse(true);
        Optional<MigratedPrefixes.Restored> restored = continuable && restore
                ? prefixes.restore(config, ahead.map(MigrationSource.Applied::scripts), provisioner, listener)
                : Optional.empty();
        PrefixState kept = restored.map(MigratedPrefixes.Restored::state).orElse(null);
        try (ThrowawayPostgres database = restored.map(MigratedPrefixes.Restored::database)
                .orElseGet(() -> provisioner.provision(config, listener))) {
            boolean keep = continuable && database.keepsData();
            UnaryOperator<Rehearsal> prepare = rehearsal -> {
                if (kept != null && kept.rehearsal() != null) {
                    rehearsal.resumeFrom(kept.rehearsal());
                }
                return keep ? rehearsal.keepDatabase() : rehearsal;
            };
            // the data rehearsal beside the main pass when the scripts are known ahead and touch nothing the two
            // databases share (EarlyRehearsal); else after it, beside the probe (BackgroundRehearsal)
            EarlyRehearsal early = rehearse && config.migrationRole() == null && ahead.isPresent()
                    && !ahead.get().scripts().isEmpty() && EarlyRehearsal.independent(ahead.get().scripts())
                    ? EarlyRehearsal.start(config, ahead.get().scripts(), database, prepare) : null;
            MigrationPass pass;
            try {
                pass = MigrationPass.apply(database, source, config, listener, kept);
                if (kept != null && kept.rehearsal() != null
                        && !kept.rehearsal().judgedAlike(pass.snapshot(), pass.history())) {
                    throw new MigrationSource.CannotContinue("a migration added changes a constraint an earlier "
                            + "migration's failure with rows named, which the kept rehearsal judged by");
                }
            } catch (RuntimeException | Error e) {
                if (early != null) {
                    early.abandon();
                }
                throw e;
            }
            boolean keepState = keep && source.keepable(pass.scripts()) && copiedForKeeping(database, judge, listener);
            // comments are not statements: suppressions and release markers are read from the text, once
            Suppressions suppressions = Suppressions.read(pass.scripts(), pass.texts());
            BackgroundRehearsal background = early != null ? early.mainApplied(pass.snapshot(), pass.history(), listener)
                    : BackgroundRehearsal.start(() -> rehearse
                            ? rehearse(database, pass, source, config, listener, prepare) : RehearsalOutcome.NONE);
            SchemaContext schema = SchemaContext.of(pass.snapshot(), config,
                    new JournalSourceLocator(pass.scripts(), pass.journal()));
            // the isolation probe: synthetic rows for two tenants, then reads and writes across them as the app;
            // its console lines are held and said after the rehearsal's, in the order of a sequential run
            BackgroundRehearsal.Held probeLines = new BackgroundRehearsal.Held();
            ProbeOutcome probe = probe(database, schema, judge, config, probeLines, background);
            RehearsalOutcome rehearsal = background.join();
            List<Finding> found = judge.judge(schema, pass.history(), rehearsal, pass.asMigrationRole(), probe, listener);
            probeLines.sayTo(listener);
            List<Finding> findings = suppressions.apply(source.locate(found, pass.scripts()), listener);
            listener.progress(pass.parsingSummary());
            List<TableHealth> tables = TableHealth.of(pass.snapshot(), schema.tenancy(), config.schemas(), findings);
            long millis = (System.nanoTime() - started) / 1_000_000;
            AnalysisResult result = new AnalysisResult(VERSION, database.serverVersion(), pass.migrations(), findings,
                    millis, ExaminedTables.of(schema, pass.history(), settings), tables,
                    Judge.coverage(probe, findings));
            if (keepState && rehearse && rehearsal.kept() == null && rehearsal.stopped() != null) {
                listener.progress("the migrated state is not kept for the next build: the data rehearsal stopped");
            }
            if (keepState && (!rehearse || rehearsal.kept() != null)) {
                boolean readAhead = ahead.isPresent();
                prefixes.keep(config, pass.scripts(), database, new PrefixState(pass.scripts().size(),
                        pass.migrations(), rehearse ? rehearsal.kept() : null,
                        readAhead ? List.of() : pass.scripts(), readAhead ? List.of() : pass.texts()), listener);
            }
            return result;
        }
    }

    /**
     * Copies the migrated database for keeping before the probe grants its role anything, when the probe runs; false,
     * with a warning, when it cannot be copied: the run goes on, and keeps nothing.
     */
    private static boolean copiedForKeeping(ThrowawayPostgres database, Judge judge, RunListener listener) {
        if (!judge.wants(Need.PROBE)) {
            return true;
        }
        try {
            database.copyForKeeping();
            return true;
        } catch (RuntimeException e) {
            listener.warning("the migrated state cannot be kept for the next build: " + e.getMessage());
            return false;
        }
    }

    /** The probe, when an enabled rule needs it; a failure waits for the rehearsal, as the database closes next. */
    private static ProbeOutcome probe(ThrowawayPostgres database, SchemaContext schema, Judge judge, GuardConfig config,
                                      RunListener listener, BackgroundRehearsal background) {
        try {
            return judge.wants(Need.PROBE)
                    ? IsolationProbe.probe(database, schema.snapshot(), schema.tenancy(), config, listener)
                    : ProbeOutcome.NONE;
        } catch (RuntimeException | Error e) {
            try {
                background.join();
            } catch (RuntimeException also) {
                e.addSuppressed(also);
            }
            throw e;
        }
    }

    /**
     * The data rehearsal ({@link Rehearsal}) after the main pass, so every migration is known to apply on empty
     * tables; in a sibling database, so the migrated database holds no synthetic rows.
     */
    private static RehearsalOutcome rehearse(ThrowawayPostgres database, MigrationPass pass, MigrationSource source,
                                             GuardConfig config, RunListener listener,
                                             UnaryOperator<Rehearsal> prepare) {
        if (pass.scripts().isEmpty()) {
            return RehearsalOutcome.NONE;
        }
        Optional<String> blocker = source.rehearsalBlocker(pass.scripts());
        if (blocker.isPresent()) {
            listener.progress("data rehearsal: skipped, " + blocker.get());
            return RehearsalOutcome.NONE;
        }
        return prepare.apply(new Rehearsal(config, pass.scripts(), pass.snapshot(), pass.history(), listener,
                pass.role())).run(database);
    }
}
