package dev.dbguard.maven;

import dev.dbguard.core.api.GuardConfig;
import dev.dbguard.core.report.AnalysisResult;
import dev.dbguard.core.report.AnalysisStore;
import dev.dbguard.core.report.ReportContext;
import dev.dbguard.core.report.ConsoleReport;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.inject.Inject;
import org.apache.maven.doxia.sink.Sink;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.reporting.MavenReport;
import org.apache.maven.reporting.MavenReportException;
import org.eclipse.aether.RepositorySystem;

/**
 * The {@code mvn site} page "db-guard" under Project Reports ({@code db-guard.html}): the schema health matrix and
 * the findings with their fixes. It reuses the analysis {@code check} stored in {@code reportDirectory} when that
 * was made from the same migrations and settings, and runs the analysis itself only when it is missing or stale.
 * It never fails the build: failing is {@code check}'s job.
 * <p>
 * A {@link MavenReport} on top of the shared db-guard parameters rather than an {@code AbstractMavenReport}: Java
 * has one superclass, and the report must read exactly the parameters {@code check} reads, or the two would judge
 * different inputs. Run on its own ({@code mvn db-guard:report}) it writes the standalone {@code db-guard.html}.
 */
@Mojo(name = "report", defaultPhase = LifecyclePhase.SITE, threadSafe = true,
        requiresDependencyResolution = ResolutionScope.TEST)
public class ReportMojo extends AbstractDbGuardMojo implements MavenReport {

    /** Where {@code mvn site} puts report pages; set by maven-site-plugin when it runs the report. */
    @Parameter(defaultValue = "${project.reporting.outputDirectory}", readonly = true, required = true)
    private File outputDirectory;

    @Inject
    public ReportMojo(RepositorySystem repositorySystem) {
        super(repositorySystem);
    }

    /** Run as a goal rather than by maven-site-plugin: the analysis (stored or fresh) and the standalone page. */
    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("db-guard: skipped");
            return;
        }
        GuardConfig config = guardConfig();
        result(config);
    }

    @Override
    public void generate(Sink sink, Locale locale) throws MavenReportException {
        try {
            AnalysisResult result = result(guardConfig());
            new SiteReportRenderer(sink, result).render();
        } catch (MojoExecutionException | MojoFailureException e) {
            throw new MavenReportException("db-guard: " + e.getMessage(), e);
        }
    }

    /** The stored analysis when current, else a fresh one (then stored, with its reports, for the next goal). */
    private AnalysisResult result(GuardConfig config) throws MojoExecutionException, MojoFailureException {
        AnalysisStore store = new AnalysisStore(config.reportDirectory());
        Optional<AnalysisResult> stored = store.readIfCurrent(config);
        if (stored.isPresent()) {
            getLog().info("db-guard: the migrations and settings are unchanged since " + displayPath(store.file())
                    + " was written: reporting that analysis");
        }
        AnalysisResult result = stored.isPresent() ? stored.get() : analyse(config);
        Reports.Written written = Reports.write(result, config, ReportContext.of(config, project.getBasedir().toPath()),
                reportFormats());
        List<ConsoleReport.Line> lines = ConsoleReport.lines(result);
        // at INFO whatever the findings: the report never fails the build, check does
        getLog().info(ConsoleLines.render(lines.get(lines.size() - 1)));
        for (Path report : written.forPeople()) {
            getLog().info("  " + displayPath(report));
        }
        return result;
    }

    @Override
    public String getOutputName() {
        return "db-guard";
    }

    @Override
    public String getCategoryName() {
        return CATEGORY_PROJECT_REPORTS;
    }

    @Override
    public String getName(Locale locale) {
        return "db-guard";
    }

    @Override
    public String getDescription(Locale locale) {
        return "PostgreSQL migrations judged for multi-tenant safety: schema health per table, findings with fixes";
    }

    @Override
    public void setReportOutputDirectory(File directory) {
        this.outputDirectory = directory;
    }

    @Override
    public File getReportOutputDirectory() {
        return outputDirectory;
    }

    @Override
    public boolean isExternalReport() {
        return false;
    }

    @Override
    public boolean canGenerateReport() {
        return !skip;
    }
}
