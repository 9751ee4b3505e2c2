package dev.dbguard.maven;

import dev.dbguard.core.api.GuardConfig;
import dev.dbguard.core.report.AnalysisResult;
import dev.dbguard.core.report.ConsoleReport;
import dev.dbguard.core.api.Finding;
import dev.dbguard.core.report.Baseline;
import dev.dbguard.core.report.ReportContext;
import dev.dbguard.core.report.ReportFormat;
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
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.eclipse.aether.RepositorySystem;

/**
 * Applies the project's migrations to a throwaway PostgreSQL, checks the resulting schema and fails the
 * build when a finding is at or above {@code failOnSeverity}. Writes {@code db-guard.json}, the other
 * {@code formats} and the stored analysis the {@code report} goal reuses to {@code reportDirectory} on every
 * completed run. With a {@code baseline} file, the findings it lists are reported as suppressed and only new ones
 * can fail the build.
 */
@Mojo(name = "check", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true,
        requiresDependencyResolution = ResolutionScope.TEST)
public class CheckMojo extends AbstractDbGuardMojo {

    @Inject
    public CheckMojo(RepositorySystem repositorySystem) {
        super(repositorySystem);
    }

    @Override
    protected void run() throws MojoExecutionException, MojoFailureException {
        GuardConfig config = guardConfig();
        Set<ReportFormat> formats = reportFormats();
        Optional<Baseline> accepted = readBaseline();
        Baseline.Applied baselined = applyBaseline(accepted, analyse(config));
        AnalysisResult result = baselined.result();

        Reports.Written written = Reports.write(result, config,
                ReportContext.of(config, project.getBasedir().toPath()).withBaselined(baselined.baselined()), formats);
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
