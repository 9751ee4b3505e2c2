package dev.dbguard.maven;

import dev.dbguard.core.api.GuardConfig;
import dev.dbguard.core.report.AnalysisResult;
import java.io.File;
import java.util.Locale;
import javax.inject.Inject;
import org.apache.maven.doxia.sink.Sink;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.reporting.MavenReport;
import org.apache.maven.reporting.MavenReportException;
import org.eclipse.aether.RepositorySystem;

/**
 * The {@code mvn site} page "db-guard" under Project Reports ({@code db-guard.html}): the schema health matrix and
 * the findings with their fixes, from the analysis {@code check} stored in {@code reportDirectory} when current
 * (same migrations and settings), else a fresh one. It never fails the build: failing is {@code check}'s job. Run
 * on its own ({@code mvn db-guard:report}) it writes the standalone {@code db-guard.html}. A {@link MavenReport}, not
 * an {@code AbstractMavenReport}: Java has one superclass, and the report must read the parameters {@code check} reads.
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
    protected void run() throws MojoExecutionException, MojoFailureException {
        result();
    }

    @Override
    public void generate(Sink sink, Locale locale) throws MavenReportException {
        try {
            new SiteReportRenderer(sink, result()).render();
        } catch (MojoExecutionException | MojoFailureException e) {
            throw new MavenReportException("db-guard: " + e.getMessage(), e);
        }
    }

    /** The stored analysis when current, else a fresh one (then stored, with its reports, for the next goal). */
    private AnalysisResult result() throws MojoExecutionException, MojoFailureException {
        GuardConfig config = guardConfig();
        return ReportAnalysis.currentOrFresh(config, project.getBasedir().toPath(), reportFormats(),
                () -> analyse(config), getLog(), this::displayPath);
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
