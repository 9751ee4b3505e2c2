package dev.dbguard.maven;

import dev.dbguard.core.api.DbGuardException;
import dev.dbguard.core.api.GuardConfig;
import dev.dbguard.core.report.AnalysisResult;
import dev.dbguard.core.report.AnalysisStore;
import dev.dbguard.core.report.ReportContext;
import dev.dbguard.core.report.ReportFormat;
import dev.dbguard.core.report.ReportWriters;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;

/** The files every completed run leaves in {@code reportDirectory}, written the same way by every goal. */
final class Reports {

    /** The report files a person reads (JSON always, then the other {@code formats}), and the stored analysis. */
    record Written(Map<ReportFormat, Path> files, Path analysis) {
        Path json() {
            return files.get(ReportFormat.JSON);
        }

        List<Path> forPeople() {
            return List.copyOf(files.values());
        }
    }

    private Reports() {
    }

    static Written write(AnalysisResult result, GuardConfig config, ReportContext context, Set<ReportFormat> formats)
            throws MojoExecutionException {
        try {
            Map<ReportFormat, Path> files = ReportWriters.builtIn().write(result, context, formats);
            Path analysis = new AnalysisStore(config.reportDirectory()).write(result, config);
            return new Written(files, analysis);
        } catch (DbGuardException e) {
            throw new MojoExecutionException(e.getMessage());
        }
    }
}
