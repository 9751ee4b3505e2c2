package dev.dbguard.maven;

import dev.dbguard.core.api.GuardConfig;
import dev.dbguard.core.report.AnalysisResult;
import dev.dbguard.core.report.AnalysisStore;
import dev.dbguard.core.report.ConsoleReport;
import dev.dbguard.core.report.ReportContext;
import dev.dbguard.core.report.ReportFormat;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.Log;

/**
 * The analysis the {@code report} goal shows: the one {@code check} stored in {@code reportDirectory} when it was made
 * from the same migrations and settings, else a fresh one, then stored with its reports for the next goal.
 */
final class ReportAnalysis {

    /** The analysis run when the stored one is missing or stale. */
    interface Fresh {
        AnalysisResult run() throws MojoExecutionException, MojoFailureException;
    }

    private ReportAnalysis() {
    }

    static AnalysisResult currentOrFresh(GuardConfig config, Path basedir, Set<ReportFormat> formats, Fresh fresh,
                                         Log log, Function<Path, String> display)
            throws MojoExecutionException, MojoFailureException {
        AnalysisStore store = new AnalysisStore(config.reportDirectory());
        Optional<AnalysisResult> stored = store.readIfCurrent(config);
        if (stored.isPresent()) {
            log.info("db-guard: the migrations and settings are unchanged since " + display.apply(store.file())
                    + " was written: reporting that analysis");
        }
        AnalysisResult result = stored.isPresent() ? stored.get() : fresh.run();
        Reports.Written written = Reports.write(result, config, ReportContext.of(config, basedir), formats);
        List<ConsoleReport.Line> lines = ConsoleReport.lines(result);
        // at INFO whatever the findings: the report never fails the build, check does
        log.info(ConsoleLines.render(lines.get(lines.size() - 1)));
        for (Path report : written.forPeople()) {
            log.info("  " + display.apply(report));
        }
        return result;
    }
}
