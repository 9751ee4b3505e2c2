package dev.dbguard.core.report;

import dev.dbguard.core.api.ProbeCoverage;
import dev.dbguard.core.api.AppliedMigration;
import dev.dbguard.core.api.Finding;
import dev.dbguard.core.api.Severity;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes {@code db-guard.html}: one self-contained page (inline CSS, no script, nothing fetched) with the summary,
 * the schema health matrix, the findings grouped by rule with their fixes, and the migrations as applied. Every
 * piece of text from the run goes through {@link #escape}, the one place HTML is escaped; everything else written
 * is constant markup.
 */
public final class HtmlReportWriter {

    public static final String FILE_NAME = "db-guard.html";

    private static final String CSS = """
            :root { --error: #b42318; --warning: #b54708; --info: #175cd3; --ok: #067647; --muted: #667085;
                    --line: #eaecf0; --soft: #f9fafb; }
            * { box-sizing: border-box; }
            body { margin: 0 auto; max-width: 1240px; padding: 24px; color: #101828; background: #fff;
                   font: 14px/1.45 -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
            h1 { font-size: 24px; margin: 0 0 4px; }
            h2 { font-size: 18px; margin: 32px 0 8px; padding-bottom: 4px; border-bottom: 1px solid var(--line); }
            h3 { font-size: 15px; margin: 0; }
            .summary { font-size: 16px; font-weight: 600; margin: 8px 0 2px; }
            .meta, .muted { color: var(--muted); }
            table { border-collapse: collapse; width: 100%; margin: 8px 0; }
            th, td { border: 1px solid var(--line); padding: 4px 8px; text-align: left; vertical-align: top; }
            th { background: var(--soft); font-weight: 600; white-space: nowrap; }
            td.num { text-align: right; font-variant-numeric: tabular-nums; }
            .scroll { overflow-x: auto; }
            table.matrix th, table.matrix td { padding: 3px 6px; font-size: 13px; }
            table.matrix th { white-space: normal; vertical-align: bottom; }
            table.matrix td:first-child { white-space: nowrap; font-weight: 600; }
            table.matrix td:nth-child(2) { white-space: nowrap; }
            td.yes { color: var(--ok); }
            td.no { color: var(--error); font-weight: 600; }
            td.na { color: var(--muted); }
            code, pre { font: 12.5px/1.4 ui-monospace, "SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono", monospace; }
            pre { background: var(--soft); border: 1px solid var(--line); border-radius: 4px; padding: 8px 10px;
                  margin: 4px 0 8px; overflow-x: auto; white-space: pre-wrap; }
            .badge { display: inline-block; min-width: 64px; text-align: center; border-radius: 4px; padding: 0 6px;
                     font-size: 12px; font-weight: 700; color: #fff; }
            .badge.ERROR { background: var(--error); }
            .badge.WARNING { background: var(--warning); }
            .badge.INFO { background: var(--info); }
            .count.ERROR { color: var(--error); font-weight: 700; }
            .count.WARNING { color: var(--warning); font-weight: 700; }
            .count.INFO { color: var(--info); font-weight: 700; }
            section.rule { border: 1px solid var(--line); border-radius: 6px; padding: 10px 14px; margin: 12px 0; }
            section.rule > header { display: flex; gap: 10px; align-items: baseline; flex-wrap: wrap; }
            .finding { border-top: 1px solid var(--line); padding-top: 8px; margin-top: 8px; }
            .finding .place { color: var(--muted); margin: 0 0 4px; }
            .finding .message { margin: 0 0 4px; }
            .label { font-size: 12px; font-weight: 600; color: var(--muted); margin: 4px 0 0; }
            """;

    private final String docsBase;

    /** Links rule ids to {@code docs/rules/<rule-id>.md}, relative to the page. */
    public HtmlReportWriter() {
        this("");
    }

    /** Links rule ids to {@code docsBase + "docs/rules/<rule-id>.md"}, e.g. the repository's web address. */
    public HtmlReportWriter(String docsBase) {
        this.docsBase = docsBase == null ? "" : docsBase;
    }

    /** Writes {@code <reportDirectory>/db-guard.html}, creating the directory; returns the file written. */
    public Path write(AnalysisResult result, Path reportDirectory) {
        return ReportFiles.write(reportDirectory, FILE_NAME, render(result).getBytes(StandardCharsets.UTF_8),
                "HTML report");
    }

    /** The page as text. */
    public String render(AnalysisResult result) {
        StringBuilder html = new StringBuilder(16_384);
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>db-guard report</title>\n<style>\n").append(CSS).append("</style>\n</head>\n<body>\n");
        html.append("<h1>db-guard</h1>\n");
        Severity worst = result.findings().stream().filter(f -> !f.suppressed()).map(Finding::severity)
                .min(Enum::compareTo).orElse(null);
        html.append("<p class=\"summary").append(worst == null ? "" : " count " + worst.name()).append("\">")
                .append(escape(ConsoleReport.summary(result))).append("</p>\n");
        html.append("<p class=\"meta\">PostgreSQL ").append(escape(result.postgresVersion()))
                .append(" &middot; db-guard ").append(escape(result.toolVersion())).append("</p>\n");
        probe(html, result.probe());
        matrix(html, result.tables());
        findings(html, result.findings());
        migrations(html, result.migrations());
        html.append("</body>\n</html>\n");
        return html.toString();
    }

    /** The isolation probe's coverage, and each table whose isolation nothing proved. */
    private static void probe(StringBuilder html, ProbeCoverage probe) {
        if (probe == null) {
            return;
        }
        html.append("<p class=\"probe\">").append(escape(probe.summary())).append("</p>\n");
        for (String line : probe.unprovenLines()) {
            html.append("<p class=\"probe count WARNING\">").append(escape(line)).append("</p>\n");
        }
    }

    private static void matrix(StringBuilder html, List<TableHealth> tables) {
        html.append("<h2 id=\"health\">Schema health</h2>\n");
        if (tables.isEmpty()) {
            html.append("<p class=\"muted\">No tables in the judged schemas.</p>\n");
            return;
        }
        html.append("<div class=\"scroll\">\n<table class=\"matrix\">\n<thead><tr>");
        for (String header : HealthColumns.HEADERS) {
            html.append("<th>").append(escape(header)).append("</th>");
        }
        html.append("</tr></thead>\n<tbody>\n");
        for (TableHealth row : tables) {
            html.append("<tr>");
            for (HealthColumns.Cell cell : HealthColumns.cells(row)) {
                html.append("<td class=\"").append(cell.kind().css()).append("\">")
                        .append(escape(cell.text())).append("</td>");
            }
            html.append("</tr>\n");
        }
        html.append("</tbody>\n</table>\n</div>\n");
    }

    private void findings(StringBuilder html, List<Finding> all) {
        html.append("<h2 id=\"findings\">Findings</h2>\n");
        Map<String, List<Finding>> byRule = FindingGroups.byRule(all);
        if (byRule.isEmpty()) {
            html.append("<p>No findings.</p>\n");
        }
        for (Map.Entry<String, List<Finding>> group : byRule.entrySet()) {
            String rule = group.getKey();
            List<Finding> findings = group.getValue();
            html.append("<section class=\"rule\" id=\"rule-").append(escape(rule)).append("\">\n<header>")
                    .append(badge(FindingGroups.worst(findings)))
                    .append("<h3><code>").append(escape(rule)).append("</code></h3>")
                    .append("<span class=\"muted\">").append(escape(RuleLinks.summary(rule).orElse("")))
                    .append("</span>")
                    .append("<a href=\"").append(escape(docsBase + RuleLinks.page(rule))).append("\">")
                    .append(escape(RuleLinks.page(rule))).append("</a>")
                    .append("<span class=\"muted\">").append(findings.size())
                    .append(findings.size() == 1 ? " finding" : " findings").append("</span></header>\n");
            for (Finding finding : findings) {
                html.append("<div class=\"finding\">\n<p class=\"place\">").append(badge(finding.severity()))
                        .append(' ').append(escape(place(finding))).append("</p>\n")
                        .append("<p class=\"message\">").append(escape(finding.message())).append("</p>\n");
                code(html, "Fix", finding.fix());
                code(html, "Rollback", finding.rollback());
                html.append("</div>\n");
            }
            html.append("</section>\n");
        }
        List<Finding> suppressed = FindingGroups.suppressed(all);
        if (!suppressed.isEmpty()) {
            html.append("<h3>Suppressed</h3>\n<ul>\n");
            for (Finding finding : suppressed) {
                html.append("<li><code>").append(escape(finding.rule())).append("</code> ")
                        .append(escape(place(finding))).append(": ").append(escape(finding.message()))
                        .append("</li>\n");
            }
            html.append("</ul>\n");
        }
    }

    private static void migrations(StringBuilder html, List<AppliedMigration> migrations) {
        html.append("<h2 id=\"migrations\">Migrations as applied</h2>\n");
        if (migrations.isEmpty()) {
            html.append("<p class=\"muted\">No migrations.</p>\n");
            return;
        }
        html.append("<table class=\"migrations\">\n<thead><tr><th>File</th><th>Version</th><th>Statements</th>"
                + "<th>Time</th></tr></thead>\n<tbody>\n");
        for (AppliedMigration migration : migrations) {
            html.append("<tr><td><code>").append(escape(migration.file())).append("</code></td><td>")
                    .append(escape(migration.version() == null ? "-" : migration.version()))
                    .append("</td><td class=\"num\">").append(migration.statements())
                    .append("</td><td class=\"num\">").append(escape(millis(migration.millis())))
                    .append("</td></tr>\n");
        }
        html.append("</tbody>\n</table>\n");
    }

    private static void code(StringBuilder html, String label, String sql) {
        if (sql == null || sql.isBlank()) {
            return;
        }
        html.append("<p class=\"label\">").append(label).append("</p>\n<pre><code>")
                .append(escape(sql.strip())).append("</code></pre>\n");
    }

    private static String badge(Severity severity) {
        return "<span class=\"badge " + severity.name() + "\">" + severity.name() + "</span>";
    }

    /** Where a finding points: table (and column), then file and line, as far as known. */
    static String place(Finding finding) {
        StringBuilder place = new StringBuilder();
        if (finding.table() != null) {
            place.append(finding.table());
            if (finding.column() != null) {
                place.append('.').append(finding.column());
            }
        } else if (finding.object() != null) {
            place.append(finding.object());
        }
        if (finding.source() != null) {
            place.append(place.isEmpty() ? "" : " \u2014 ").append(finding.source());
        }
        return place.isEmpty() ? "(whole schema)" : place.toString();
    }

    static String millis(long millis) {
        return millis < 1000 ? millis + " ms" : String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    /** Escapes text for HTML element content and double-quoted attribute values. */
    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
