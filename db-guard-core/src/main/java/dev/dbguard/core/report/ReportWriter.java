package dev.dbguard.core.report;

import java.nio.file.Path;

/** Writes one report file for a run into {@link ReportContext#reportDirectory()}; returns the file written. */
@FunctionalInterface
public interface ReportWriter {

    Path write(AnalysisResult result, ReportContext context);
}
