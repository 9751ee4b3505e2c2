package dev.dbguard.core.report;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything one run produced. {@code findings} are in {@link Finding#REPORT_ORDER}; {@code tables} is the
 * schema health matrix, one row per judged table by name (empty when the run did not compute it).
 */
public record AnalysisResult(
        String toolVersion,
        String postgresVersion,
        List<AppliedMigration> migrations,
        List<Finding> findings,
        long millis,
        List<TableHealth> tables) {

    public AnalysisResult {
        migrations = List.copyOf(migrations);
        findings = findings.stream().sorted(Finding.REPORT_ORDER).toList();
        tables = tables == null ? List.of() : List.copyOf(tables);
    }

    /** A result without the health matrix. */
    public AnalysisResult(String toolVersion, String postgresVersion, List<AppliedMigration> migrations,
                          List<Finding> findings, long millis) {
        this(toolVersion, postgresVersion, migrations, findings, millis, List.of());
    }

    /** Unsuppressed findings by severity, plus a "suppressed" count, every key present. */
    public Map<String, Integer> summary() {
        Map<String, Integer> summary = new TreeMap<>();
        for (Severity severity : Severity.values()) {
            summary.put(severity.name(), 0);
        }
        int suppressed = 0;
        for (Finding finding : findings) {
            if (finding.suppressed()) {
                suppressed++;
            } else {
                summary.merge(finding.severity().name(), 1, Integer::sum);
            }
        }
        summary.put("suppressed", suppressed);
        return summary;
    }

    /** The unsuppressed findings that fail the build under {@code threshold}. */
    public List<Finding> failing(FailThreshold threshold) {
        return findings.stream().filter(f -> !f.suppressed() && threshold.fails(f.severity())).toList();
    }
}
