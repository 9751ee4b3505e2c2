package dev.dbguard.maven;

import dev.dbguard.core.GuardConfig;
import dev.dbguard.core.report.AnalysisResult;
import dev.dbguard.core.report.ConsoleReport;
import dev.dbguard.core.report.Finding;
import java.nio.file.Path;
import java.util.List;
import javax.inject.Inject;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.eclipse.aether.RepositorySystem;

/**
 * Applies the project's migrations to a throwaway PostgreSQL, checks the resulting schema and fails the
 * build when a finding is at or above {@code failOnSeverity}. Writes {@code db-guard.json}, {@code db-guard.html} and
 * the stored analysis the {@code report} goal reuses to {@code reportDirectory} on every completed run.
 */
@Mojo(name = "check", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
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

        Reports.Written written = Reports.write(result, config);
        Path json = written.json();
        for (ConsoleReport.Line line : ConsoleReport.lines(result)) {
            log(line.level(), ConsoleLines.render(line));
        }
        for (Path report : written.forPeople()) {
            getLog().info("  " + displayPath(report));
        }

        List<Finding> failing = result.failing(config.failOnSeverity());
        if (!failing.isEmpty()) {
            throw new MojoFailureException("db-guard found " + failing.size()
                    + (failing.size() == 1 ? " finding" : " findings") + " at or above " + config.failOnSeverity()
                    + ": see above and " + displayPath(json));
        }
    }
}
