package dev.dbguard.core.report;

import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The one place that maps a {@link ReportFormat} to its writer. {@code db-guard.json} is always written: it is the
 * contract scripts read on every run, whatever {@code formats} says; the other formats are written when asked for
 * and a writer exists for them.
 */
public final class ReportWriters {

    private final Map<ReportFormat, ReportWriter> writers;

    private ReportWriters(Map<ReportFormat, ReportWriter> writers) {
        this.writers = Collections.unmodifiableMap(new EnumMap<>(writers));
    }

    /** Every writer db-guard has. A new format adds its line here. */
    public static ReportWriters builtIn() {
        Map<ReportFormat, ReportWriter> writers = new EnumMap<>(ReportFormat.class);
        writers.put(ReportFormat.JSON, (result, context) -> new JsonReportWriter().write(result, context.reportDirectory()));
        writers.put(ReportFormat.SARIF, new SarifReportWriter());
        writers.put(ReportFormat.JUNIT, new JUnitReportWriter());
        writers.put(ReportFormat.HTML, (result, context) -> new HtmlReportWriter().write(result, context.reportDirectory()));
        return new ReportWriters(writers);
    }

    /** The writer of {@code format}, or empty while db-guard has none. */
    public Optional<ReportWriter> writer(ReportFormat format) {
        return Optional.ofNullable(writers.get(format));
    }

    /** Writes JSON and each of {@code formats} that has a writer, in the enum's order; returns the files written. */
    public Map<ReportFormat, Path> write(AnalysisResult result, ReportContext context, Set<ReportFormat> formats) {
        Map<ReportFormat, Path> written = new LinkedHashMap<>();
        for (ReportFormat format : ReportFormat.values()) {
            if (format == ReportFormat.JSON || formats.contains(format)) {
                writer(format).ifPresent(writer -> written.put(format, writer.write(result, context)));
            }
        }
        return written;
    }
}
