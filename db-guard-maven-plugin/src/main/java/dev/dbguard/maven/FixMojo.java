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
import dev.dbguard.core.report.Baseline;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.inject.Inject;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.eclipse.aether.RepositorySystem;

/**
 * Writes the fix SQL of the current findings (unsuppressed, not in the baseline) as the project's next Flyway
 * migration, {@code V<next>__db_guard_fixes.sql} in the first {@code migrations} folder, and its rollback script
 * {@code U<next>__db_guard_fixes.sql}, each statement under a comment naming its finding. Never overwrites a file.
 * A selected finding whose fix cannot be written as it is (none, a placeholder, a change of an earlier migration)
 * is listed, not guessed. Bound to no phase: run it by hand, {@code mvn db-guard:fix}, review the files, then
 * {@code mvn verify}.
 */
@Mojo(name = "fix", threadSafe = true, requiresDependencyResolution = ResolutionScope.TEST)
public class FixMojo extends AbstractDbGuardMojo {

    /** Rule ids whose findings are fixed, comma-separated; unset: every ERROR finding that has a fix. */
    @Parameter(property = "dbguard.fixRules")
    protected List<String> fixRules;

    /** Tables whose findings are fixed, comma-separated, unqualified or schema-qualified; unset: every table. */
    @Parameter(property = "dbguard.fixTables")
    protected List<String> fixTables;

    @Inject
    public FixMojo(RepositorySystem repositorySystem) {
        super(repositorySystem);
    }

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("db-guard: skipped");
            return;
        }
        FixSelection selection;
        try {
            selection = FixSelection.parse(fixRules, fixTables);
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException("Invalid parameter fixRules (dbguard.fixRules): " + e.getMessage());
        }
        GuardConfig config = guardConfig();
        MigrationFormat format = MigrationSources.resolve(config);
        if (format != MigrationFormat.FLYWAY) {
            throw new MojoExecutionException("db-guard:fix writes Flyway migrations (V<version>__<description>.sql),"
                    + " and these migrations are " + format.name().toLowerCase(Locale.ROOT)
                    + ": copy the fixes from db-guard.json into a migration of your own");
        }
        Path folder = config.migrations().get(0);
        String prefix = config.migrationSettings().sqlMigrationPrefix() == null
                ? "V" : config.migrationSettings().sqlMigrationPrefix();
        Optional<Baseline> accepted = readBaseline();
        // fail on an existing file before PostgreSQL starts; checked again when writing
        String version = nextVersion(config, prefix, List.of());
        try {
            FixMigration.checkFree(folder, prefix, version);
        } catch (DbGuardException e) {
            throw new MojoFailureException(e.getMessage());
        }

        AnalysisResult result = analyse(config);
        if (accepted.isPresent()) {
            result = accepted.get().apply(result).result();
        }
        for (String table : selection.unmatchedTables(result.findings())) {
            getLog().warn("db-guard: fixTables names " + table + ", which has no finding");
        }
        FixMigration.Plan plan = FixMigration.plan(result.findings(), selection);
        for (FixMigration.Skipped skipped : plan.skipped()) {
            String line = FixMigration.describe(skipped.finding()) + "\n    " + skipped.reason();
            if (skipped.covered()) {
                getLog().info("db-guard: covered: " + line);
            } else {
                getLog().warn("db-guard: not fixed: " + line);
            }
        }
        String which = selection.everyError() ? "ERROR findings" : "findings of " + String.join(", ", selection.rules());
        if (plan.isEmpty()) {
            getLog().info("db-guard: nothing to fix: no " + which + (selection.tables().isEmpty() ? "" : " on "
                    + String.join(", ", selection.tables())) + " with a fix that can be written; no file written");
            return;
        }
        version = nextVersion(config, prefix, result.migrations());
        FixMigration.Written written;
        try {
            written = FixMigration.write(plan, folder, prefix, version);
        } catch (DbGuardException e) {
            throw new MojoFailureException(e.getMessage());
        }
        int count = plan.blocks().size();
        getLog().info("db-guard: wrote the fixes of " + count + (count == 1 ? " finding" : " findings") + " to "
                + displayPath(written.migration()) + ", and their rollback to " + displayPath(written.rollback()));
        getLog().info("db-guard: review them, then run mvn verify: db-guard:check applies them with the other migrations");
    }

    /** The version after every migration in the folders and every migration the analysis applied. */
    private String nextVersion(GuardConfig config, String prefix, List<AppliedMigration> applied) {
        List<String> versions = new ArrayList<>(
                NextMigrationVersion.versionsIn(config.migrations(), prefix, FixMigration.UNDO_PREFIX));
        applied.stream().map(AppliedMigration::version).filter(v -> v != null).forEach(versions::add);
        return NextMigrationVersion.after(versions, Instant.now());
    }
}
