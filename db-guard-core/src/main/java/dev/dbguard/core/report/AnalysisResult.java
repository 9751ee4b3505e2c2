package dev.dbguard.core.report;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything one run produced. {@code findings} are in {@link Finding#REPORT_ORDER}.
 */
public record AnalysisResult(
        String toolVersion,
        String postgresVersion,
        List<AppliedMigration> migrations,
        List<Finding> findings,
        long millis) {

    public AnalysisResult {
        migrations = List.copyOf(migrations);
        findings = findings.stream().sorted(Finding.REPORT_ORDER).toList();
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
