package dev.dbguard.core.report;

import dev.dbguard.core.api.Finding;
import dev.dbguard.core.api.Severity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The findings as lines for a console: grouped by table (findings without a table last, under
 * {@value #NO_TABLE}), one line per finding with its severity, rule, place and message, the fix indented
 * below it, then one summary line. Each line carries the level to log it at, so a build tool can route
 * ERROR lines to its error log. Suppressed findings are only counted in the summary.
 */
public final class ConsoleReport {

    static final String NO_TABLE = "(no table)";
    private static final String INDENT = "  ";
    private static final int SEVERITY_WIDTH = "WARNING".length() + 1;

    /** What a piece of a line is, so a console that has colours can show it (the core itself prints none). */
    public enum Style { PLAIN, TABLE, SEVERITY, RULE, PLACE, FIX, SUMMARY }

    /** A piece of a line; {@code severity} is set for {@link Style#SEVERITY} and {@link Style#SUMMARY}. */
    public record Segment(Style style, String text, Severity severity) {
    }

    /** One console line, as pieces, and the level to log it at. */
    public record Line(Severity level, List<Segment> segments) {

        public Line {
            segments = List.copyOf(segments);
        }

        Line(Severity level, Style style, String text) {
            this(level, List.of(new Segment(style, text, level)));
        }

        /** The line as plain text. */
        public String text() {
            StringBuilder text = new StringBuilder();
            for (Segment segment : segments) {
                text.append(segment.text());
            }
            return text.toString();
        }
    }

    private ConsoleReport() {
    }

    /** The lines for {@code result}: findings grouped by table, then the summary line. */
    public static List<Line> lines(AnalysisResult result) {
        List<Finding> shown = result.findings().stream()
                .filter(f -> !f.suppressed())
                .sorted(Finding.REPORT_ORDER)
                .toList();

        // tables by name, "(no table)" last; inside a table the report order (file, line, rule)
        Map<String, List<Finding>> byTable = new TreeMap<>(
                Comparator.comparing((String t) -> t.equals(NO_TABLE)).thenComparing(Comparator.naturalOrder()));
        for (Finding finding : shown) {
            String table = finding.table() == null ? NO_TABLE : finding.table();
            byTable.computeIfAbsent(table, t -> new ArrayList<>()).add(finding);
        }

        int ruleWidth = shown.stream().mapToInt(f -> f.rule().length()).max().orElse(0);
        int placeWidth = shown.stream().mapToInt(f -> place(f).length()).max().orElse(0);
        String fixIndent = " ".repeat(INDENT.length() + SEVERITY_WIDTH);

        List<Line> lines = new ArrayList<>();
        for (Map.Entry<String, List<Finding>> group : byTable.entrySet()) {
            Severity worst = group.getValue().stream().map(Finding::severity)
                    .min(Comparator.naturalOrder()).orElse(Severity.INFO);
            lines.add(new Line(worst, Style.TABLE, group.getKey()));
            for (Finding finding : group.getValue()) {
                Severity severity = finding.severity();
                List<Segment> segments = new ArrayList<>();
                segments.add(new Segment(Style.PLAIN, INDENT, severity));
                segments.add(new Segment(Style.SEVERITY, pad(severity.name(), SEVERITY_WIDTH), severity));
                segments.add(new Segment(Style.RULE, pad(finding.rule(), ruleWidth) + "  ", severity));
                if (placeWidth > 0) {
                    segments.add(new Segment(Style.PLACE, pad(place(finding), placeWidth) + "  ", severity));
                }
                segments.add(new Segment(Style.PLAIN, finding.message(), severity));
                lines.add(new Line(severity, segments));
                if (finding.fix() != null && !finding.fix().isBlank()) {
                    String[] fixLines = finding.fix().strip().split("\\R");
                    for (int i = 0; i < fixLines.length; i++) {
                        String label = i == 0 ? "fix: " : "     ";
                        lines.add(new Line(severity, List.of(
                                new Segment(Style.PLAIN, fixIndent + label, severity),
                                new Segment(Style.FIX, fixLines[i].stripTrailing(), severity))));
                    }
                }
            }
        }

        if (result.probe() != null) {
            lines.add(new Line(Severity.INFO, Style.SUMMARY, result.probe().summary()));
            for (String unproven : result.probe().unprovenLines()) {
                lines.add(new Line(Severity.WARNING, Style.SUMMARY, unproven));
            }
        }
        Severity summaryLevel = shown.stream().map(Finding::severity)
                .min(Comparator.naturalOrder()).orElse(Severity.INFO);
        lines.add(new Line(summaryLevel, Style.SUMMARY, summary(result)));
        return List.copyOf(lines);
    }

    /**
     * The summary line, e.g. {@code db-guard: 3 errors, 2 warnings in 7 migrations (1.8 s)}: errors and warnings
     * always counted, {@code , 1 info} after them only when there is any, {@code , 2 suppressed} appended when any
     * finding was suppressed.
     */
    public static String summary(AnalysisResult result) {
        Map<String, Integer> counts = result.summary();
        int errors = counts.getOrDefault(Severity.ERROR.name(), 0);
        int warnings = counts.getOrDefault(Severity.WARNING.name(), 0);
        int infos = counts.getOrDefault(Severity.INFO.name(), 0);
        int suppressed = counts.getOrDefault("suppressed", 0);
        int migrations = result.migrations().size();
        StringBuilder line = new StringBuilder("db-guard: ")
                .append(count(errors, "error", "errors")).append(", ")
                .append(count(warnings, "warning", "warnings"))
                .append(infos > 0 ? ", " + infos + " info" : "")
                .append(" in ").append(count(migrations, "migration", "migrations"))
                .append(String.format(Locale.ROOT, " (%.1f s)", result.millis() / 1000.0));
        if (suppressed > 0) {
            line.append(", ").append(suppressed).append(" suppressed");
        }
        return line.toString();
    }

    private static String place(Finding finding) {
        return finding.source() == null ? "" : finding.source().toString();
    }

    private static String count(int n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }

    private static String pad(String text, int width) {
        return text.length() >= width ? text : text + " ".repeat(width - text.length());
    }
}
