package dev.dbguard.maven;

import dev.dbguard.core.GuardConfig;
import dev.dbguard.core.DbGuardException;
import dev.dbguard.core.report.AnalysisResult;
import dev.dbguard.core.report.ConsoleReport;
import dev.dbguard.core.report.Finding;
import dev.dbguard.core.report.JsonReportWriter;
import java.nio.file.Path;
import java.util.List;
import javax.inject.Inject;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.eclipse.aether.RepositorySystem;

/**
 * Applies the project's migrations to a throwaway PostgreSQL, checks the resulting schema and fails the
 * build when a finding is at or above {@code failOnSeverity}. Writes {@code db-guard.json} to
 * {@code reportDirectory} on every completed run.
 */
@Mojo(name = "check", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true,
        requiresDependencyResolution = ResolutionScope.TEST)
public class CheckMojo extends AbstractDbGuardMojo {

    @Inject
    public CheckMojo(RepositorySystem repositorySystem) {
        super(repositorySystem);
    }

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("db-guard: skipped");
            return;
        }
        GuardConfig config = guardConfig();
        AnalysisResult result = analyse(config);

        Path json;
        try {
            json = new JsonReportWriter().write(result, config.reportDirectory());
        } catch (DbGuardException e) {
            throw new MojoExecutionException(e.getMessage());
        }
        for (ConsoleReport.Line line : ConsoleReport.lines(result)) {
            log(line.level(), line.text());
        }
        getLog().info("db-guard: JSON report " + displayPath(json));

        List<Finding> failing = result.failing(config.failOnSeverity());
        if (!failing.isEmpty()) {
            throw new MojoFailureException("db-guard found " + failing.size()
                    + (failing.size() == 1 ? " finding" : " findings") + " at or above " + config.failOnSeverity()
                    + ": see above and " + displayPath(json));
        }
    }
}
