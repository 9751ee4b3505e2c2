package dev.dbguard.core.report;

import dev.dbguard.core.api.ProbeCoverage;
import dev.dbguard.core.api.AppliedMigration;
import dev.dbguard.core.api.FailThreshold;
import dev.dbguard.core.api.Finding;
import dev.dbguard.core.api.Severity;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Everything one run produced. {@code findings} are in {@link Finding#REPORT_ORDER}; {@code tables} is the
 * schema health matrix, one row per judged table by name (empty when the run did not compute it).
 *
 * @param examined for each rule that ran, the tables it examined (schema-qualified, sorted): what the JUnit
 *                 report turns into one test case per rule and table; empty when not known
 * @param probe    the isolation probe's coverage, null when the probe did not run
 */
public record AnalysisResult(
        String toolVersion,
        String postgresVersion,
        List<AppliedMigration> migrations,
        List<Finding> findings,
        long millis,
        SortedMap<String, SortedSet<String>> examined,
        List<TableHealth> tables,
        ProbeCoverage probe) {

    public AnalysisResult {
        migrations = List.copyOf(migrations);
        findings = findings.stream().sorted(Finding.REPORT_ORDER).toList();
        SortedMap<String, SortedSet<String>> copy = new TreeMap<>();
        if (examined != null) {
            examined.forEach((rule, t) -> copy.put(rule, Collections.unmodifiableSortedSet(new TreeSet<>(t))));
        }
        examined = Collections.unmodifiableSortedMap(copy);
        tables = tables == null ? List.of() : List.copyOf(tables);
    }

    /** A result without the probe's coverage (the probe did not run). */
    public AnalysisResult(String toolVersion, String postgresVersion, List<AppliedMigration> migrations,
                          List<Finding> findings, long millis, SortedMap<String, SortedSet<String>> examined,
                          List<TableHealth> tables) {
        this(toolVersion, postgresVersion, migrations, findings, millis, examined, tables, null);
    }

    /** A result without knowledge of what each rule examined, nor the health matrix. */
    public AnalysisResult(String toolVersion, String postgresVersion, List<AppliedMigration> migrations,
                          List<Finding> findings, long millis) {
        this(toolVersion, postgresVersion, migrations, findings, millis, null, List.of());
    }

    /** A result without the health matrix. */
    public AnalysisResult(String toolVersion, String postgresVersion, List<AppliedMigration> migrations,
                          List<Finding> findings, long millis, SortedMap<String, SortedSet<String>> examined) {
        this(toolVersion, postgresVersion, migrations, findings, millis, examined, List.of());
    }

    /** A result without knowledge of what each rule examined. */
    public AnalysisResult(String toolVersion, String postgresVersion, List<AppliedMigration> migrations,
                          List<Finding> findings, long millis, List<TableHealth> tables) {
        this(toolVersion, postgresVersion, migrations, findings, millis, null, tables);
    }

    /** The same result with other findings (a baseline marking some suppressed). */
    public AnalysisResult withFindings(List<Finding> newFindings) {
        return new AnalysisResult(toolVersion, postgresVersion, migrations, newFindings, millis, examined, tables,
                probe);
    }

    /** The same result with the probe's coverage. */
    public AnalysisResult withProbe(ProbeCoverage coverage) {
        return new AnalysisResult(toolVersion, postgresVersion, migrations, findings, millis, examined, tables,
                coverage);
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
