package dev.dbguard.maven;

import dev.dbguard.core.GuardConfig;
import dev.dbguard.core.DbGuardException;
import dev.dbguard.core.report.AnalysisResult;
import dev.dbguard.core.report.ConsoleReport;
import dev.dbguard.core.report.Finding;
import dev.dbguard.core.report.Baseline;
import dev.dbguard.core.report.ReportContext;
import dev.dbguard.core.report.ReportFormat;
import dev.dbguard.core.report.ReportWriters;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.inject.Inject;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.eclipse.aether.RepositorySystem;

/**
 * Applies the project's migrations to a throwaway PostgreSQL, checks the resulting schema and fails the
 * build when a finding is at or above {@code failOnSeverity}. Writes {@code db-guard.json} and the other
 * {@code formats} to {@code reportDirectory} on every completed run. With a {@code baseline} file, the findings it
 * lists are reported as suppressed and only new ones can fail the build.
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
        Set<ReportFormat> formats = reportFormats();
        Optional<Baseline> accepted = readBaseline();
        Baseline.Applied baselined = applyBaseline(accepted, analyse(config));
        AnalysisResult result = baselined.result();

        Map<ReportFormat, Path> reports;
        try {
            reports = ReportWriters.builtIn().write(result,
                    ReportContext.of(config, project.getBasedir().toPath()).withBaselined(baselined.baselined()),
                    formats);
        } catch (DbGuardException e) {
            throw new MojoExecutionException(e.getMessage());
        }
        Path json = reports.get(ReportFormat.JSON);
        for (ConsoleReport.Line line : ConsoleReport.lines(result)) {
            log(line.level(), line.text());
        }
        getLog().info("db-guard: reports " + reports.values().stream().map(this::displayPath)
                .collect(Collectors.joining(", ")));

        List<Finding> failing = result.failing(config.failOnSeverity());
        if (!failing.isEmpty()) {
            throw new MojoFailureException("db-guard found " + failing.size()
                    + (failing.size() == 1 ? " finding" : " findings") + " at or above " + config.failOnSeverity()
                    + ": see above and " + displayPath(json));
        }
    }
}
