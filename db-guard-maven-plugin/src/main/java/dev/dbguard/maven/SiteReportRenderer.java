package dev.dbguard.maven;

import dev.dbguard.core.report.AnalysisResult;
import dev.dbguard.core.api.AppliedMigration;
import dev.dbguard.core.report.ConsoleReport;
import dev.dbguard.core.api.Finding;
import dev.dbguard.core.report.FindingGroups;
import dev.dbguard.core.report.HealthColumns;
import dev.dbguard.core.report.RuleLinks;
import dev.dbguard.core.report.TableHealth;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.maven.doxia.sink.Sink;
import org.apache.maven.reporting.AbstractMavenReportRenderer;

/**
 * The {@code mvn site} page: the same content as {@code db-guard.html} (summary, schema health matrix, findings by
 * rule with fixes and rollbacks, migrations as applied), written through the Doxia {@link Sink}, which escapes all
 * text, so the page takes the project's site skin.
 */
final class SiteReportRenderer extends AbstractMavenReportRenderer {

    private final AnalysisResult result;

    SiteReportRenderer(Sink sink, AnalysisResult result) {
        super(sink);
        this.result = result;
    }

    @Override
    public String getTitle() {
        return "db-guard";
    }

    @Override
    protected void renderBody() {
        startSection("db-guard");
        paragraph(ConsoleReport.summary(result));
        paragraph("PostgreSQL " + result.postgresVersion() + ", db-guard " + result.toolVersion());
        if (result.probe() != null) {
            paragraph(result.probe().summary());
            result.probe().unprovenLines().forEach(this::paragraph);
        }
        matrix();
        findings();
        migrations();
        endSection();
    }

    private void matrix() {
        startSection("Schema health", "health");
        List<TableHealth> tables = result.tables();
        if (tables.isEmpty()) {
            paragraph("No tables in the judged schemas.");
        } else {
            // a site skin leaves less width than the standalone page: the same columns as two tables
            matrixPart(tables, HealthColumns.ISOLATION);
            matrixPart(tables, HealthColumns.SHAPE);
        }
        endSection();
    }

    private void matrixPart(List<TableHealth> tables, List<Integer> columns) {
        startTable();
        tableHeader(columns.stream().map(HealthColumns.HEADERS::get).toArray(String[]::new));
        for (TableHealth row : tables) {
            List<HealthColumns.Cell> cells = HealthColumns.cells(row);
            tableRow(columns.stream().map(i -> cells.get(i).text()).toArray(String[]::new));
        }
        endTable();
    }

    private void findings() {
        startSection("Findings", "findings");
        Map<String, List<Finding>> byRule = FindingGroups.byRule(result.findings());
        if (byRule.isEmpty()) {
            paragraph("No findings.");
        }
        for (Map.Entry<String, List<Finding>> group : byRule.entrySet()) {
            String rule = group.getKey();
            List<Finding> findings = group.getValue();
            startSection(FindingGroups.worst(findings) + " " + rule, "rule-" + rule);
            sink.paragraph();
            text(RuleLinks.summary(rule).map(s -> s + ". ").orElse(""));
            link(RuleLinks.page(rule), RuleLinks.page(rule));
            text(" (" + findings.size() + (findings.size() == 1 ? " finding)" : " findings)"));
            sink.paragraph_();
            for (Finding finding : findings) {
                sink.paragraph();
                sink.bold();
                text(finding.severity().name());
                sink.bold_();
                text(" " + place(finding) + ": " + finding.message());
                sink.paragraph_();
                code("Fix", finding.fix());
                code("Rollback", finding.rollback());
            }
            endSection();
        }
        List<Finding> suppressed = FindingGroups.suppressed(result.findings());
        if (!suppressed.isEmpty()) {
            startSection("Suppressed", "suppressed");
            sink.list();
            for (Finding finding : suppressed) {
                sink.listItem();
                text(finding.rule() + " " + place(finding) + ": " + finding.message());
                sink.listItem_();
            }
            sink.list_();
            endSection();
        }
        endSection();
    }

    private void migrations() {
        startSection("Migrations as applied", "migrations");
        if (result.migrations().isEmpty()) {
            paragraph("No migrations.");
        } else {
            startTable();
            tableHeader(new String[] {"File", "Version", "Statements", "Time"});
            for (AppliedMigration migration : result.migrations()) {
                tableRow(new String[] {migration.file(), migration.version() == null ? "-" : migration.version(),
                    Integer.toString(migration.statements()), millis(migration.millis())});
            }
            endTable();
        }
        endSection();
    }

    private void code(String label, String sql) {
        if (sql == null || sql.isBlank()) {
            return;
        }
        sink.paragraph();
        sink.italic();
        text(label);
        sink.italic_();
        sink.paragraph_();
        verbatimText(sql.strip());
    }

    private static String place(Finding finding) {
        List<String> parts = new ArrayList<>();
        if (finding.table() != null) {
            parts.add(finding.column() == null ? finding.table() : finding.table() + "." + finding.column());
        } else if (finding.object() != null) {
            parts.add(finding.object());
        }
        if (finding.source() != null) {
            parts.add(finding.source().toString());
        }
        return parts.isEmpty() ? "(whole schema)" : String.join(", ", parts);
    }

    private static String millis(long millis) {
        return millis < 1000 ? millis + " ms" : String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }
}
