package dev.dbguard.maven;

import dev.dbguard.core.api.DbGuardException;
import dev.dbguard.core.api.GuardConfig;
import dev.dbguard.core.fix.FixMigration;
import dev.dbguard.core.fix.FixSelection;
import dev.dbguard.core.fix.NextMigrationVersion;
import dev.dbguard.core.format.MigrationSources;
import dev.dbguard.core.api.MigrationFormat;
import dev.dbguard.core.report.AnalysisResult;
import dev.dbguard.core.api.AppliedMigration;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.Log;

/**
 * The files {@code fix} writes: the next Flyway migration and its rollback in the first {@code migrations} folder,
 * under the project's own migration prefix. Says on the log what the plan fixes, covers and leaves out.
 */
final class FixFiles {

    private final GuardConfig config;
    private final Path folder;
    private final String prefix;
    private final Log log;
    private final Function<Path, String> display;

    private FixFiles(GuardConfig config, Log log, Function<Path, String> display) {
        this.config = config;
        this.folder = config.migrations().get(0);
        this.prefix = config.migrationSettings().sqlMigrationPrefix() == null
                ? "V" : config.migrationSettings().sqlMigrationPrefix();
        this.log = log;
        this.display = display;
    }

    /** The files of a Flyway project; other formats have no version to write the fixes under. */
    static FixFiles of(GuardConfig config, Log log, Function<Path, String> display) throws MojoExecutionException {
        MigrationFormat format = MigrationSources.resolve(config);
        if (format != MigrationFormat.FLYWAY) {
            throw new MojoExecutionException("db-guard:fix writes Flyway migrations (V<version>__<description>.sql),"
                    + " and these migrations are " + format.name().toLowerCase(Locale.ROOT)
                    + ": copy the fixes from db-guard.json into a migration of your own");
        }
        return new FixFiles(config, log, display);
    }

    /** Fails on an existing file before PostgreSQL starts; {@link #write} checks again. */
    void checkFree() throws MojoFailureException {
        try {
            FixMigration.checkFree(folder, prefix, nextVersion(List.of()));
        } catch (DbGuardException e) {
            throw new MojoFailureException(e.getMessage());
        }
    }

    /** Writes the fixes of the selected findings of {@code result}, or says why there is nothing to write. */
    void write(AnalysisResult result, FixSelection selection) throws MojoFailureException {
        for (String table : selection.unmatchedTables(result.findings())) {
            log.warn("db-guard: fixTables names " + table + ", which has no finding");
        }
        FixMigration.Plan plan = FixMigration.plan(result.findings(), selection);
        for (FixMigration.Skipped skipped : plan.skipped()) {
            String line = FixMigration.describe(skipped.finding()) + "\n    " + skipped.reason();
            if (skipped.covered()) {
                log.info("db-guard: covered: " + line);
            } else {
                log.warn("db-guard: not fixed: " + line);
            }
        }
        String which = selection.everyError() ? "ERROR findings" : "findings of " + String.join(", ", selection.rules());
        if (plan.isEmpty()) {
            log.info("db-guard: nothing to fix: no " + which + (selection.tables().isEmpty() ? "" : " on "
                    + String.join(", ", selection.tables())) + " with a fix that can be written; no file written");
            return;
        }
        FixMigration.Written written;
        try {
            written = FixMigration.write(plan, folder, prefix, nextVersion(result.migrations()));
        } catch (DbGuardException e) {
            throw new MojoFailureException(e.getMessage());
        }
        int count = plan.blocks().size();
        log.info("db-guard: wrote the fixes of " + count + (count == 1 ? " finding" : " findings") + " to "
                + display.apply(written.migration()) + ", and their rollback to " + display.apply(written.rollback()));
        log.info("db-guard: review them, then run mvn verify: db-guard:check applies them with the other migrations");
    }

    /** The version after every migration in the folders and every migration the analysis applied. */
    private String nextVersion(List<AppliedMigration> applied) {
        List<String> versions = new ArrayList<>(
                NextMigrationVersion.versionsIn(config.migrations(), prefix, FixMigration.UNDO_PREFIX));
        applied.stream().map(AppliedMigration::version).filter(v -> v != null).forEach(versions::add);
        return NextMigrationVersion.after(versions, Instant.now());
    }
}
