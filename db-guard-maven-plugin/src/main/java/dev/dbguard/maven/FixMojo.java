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
import java.util.List;
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
    protected void run() throws MojoExecutionException, MojoFailureException {
        FixSelection selection = InvalidParameters.check(() -> FixSelection.parse(fixRules, fixTables));
        GuardConfig config = guardConfig();
        FixFiles files = FixFiles.of(config, getLog(), this::displayPath);
        Optional<Baseline> accepted = readBaseline();
        files.checkFree();

        AnalysisResult result = analyse(config);
        if (accepted.isPresent()) {
            result = accepted.get().apply(result).result();
        }
        files.write(result, selection);
    }
}
