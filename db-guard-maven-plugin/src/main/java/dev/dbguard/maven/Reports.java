package dev.dbguard.maven;

import dev.dbguard.core.DbGuardException;
import dev.dbguard.core.GuardConfig;
import dev.dbguard.core.report.AnalysisResult;
import dev.dbguard.core.report.AnalysisStore;
import dev.dbguard.core.report.HtmlReportWriter;
import dev.dbguard.core.report.JsonReportWriter;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;

/** The files every completed run leaves in {@code reportDirectory}, written the same way by every goal. */
final class Reports {

    /** The report files a person reads, and the stored analysis the next goal of the build reuses. */
    record Written(Path json, Path html, Path analysis) {
        List<Path> forPeople() {
            return List.of(json, html);
        }
    }

    private Reports() {
    }

    static Written write(AnalysisResult result, GuardConfig config) throws MojoExecutionException {
        try {
            Path json = new JsonReportWriter().write(result, config.reportDirectory());
            Path html = new HtmlReportWriter().write(result, config.reportDirectory());
            Path analysis = new AnalysisStore(config.reportDirectory()).write(result, config);
            return new Written(json, html, analysis);
        } catch (DbGuardException e) {
            throw new MojoExecutionException(e.getMessage());
        }
    }
}
