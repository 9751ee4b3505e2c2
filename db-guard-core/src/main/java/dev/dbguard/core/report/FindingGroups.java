package dev.dbguard.core.report;

import dev.dbguard.core.api.Finding;
import dev.dbguard.core.api.Severity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Findings grouped the way the HTML and site reports show them. */
public final class FindingGroups {

    private FindingGroups() {
    }

    /**
     * Unsuppressed findings by rule: rules with the worst findings first, then by id; inside a rule the
     * report order (file, line).
     */
    public static Map<String, List<Finding>> byRule(List<Finding> findings) {
        Map<String, List<Finding>> byId = new TreeMap<>();
        for (Finding finding : findings) {
            if (!finding.suppressed()) {
                byId.computeIfAbsent(finding.rule(), r -> new ArrayList<>()).add(finding);
            }
        }
        List<Map.Entry<String, List<Finding>>> entries = new ArrayList<>(byId.entrySet());
        entries.sort(Comparator.comparing((Map.Entry<String, List<Finding>> e) -> worst(e.getValue()))
                .thenComparing(Map.Entry::getKey));
        Map<String, List<Finding>> ordered = new LinkedHashMap<>();
        for (Map.Entry<String, List<Finding>> entry : entries) {
            ordered.put(entry.getKey(), entry.getValue().stream().sorted(Finding.REPORT_ORDER).toList());
        }
        return ordered;
    }

    /** The suppressed findings, in report order. */
    public static List<Finding> suppressed(List<Finding> findings) {
        return findings.stream().filter(Finding::suppressed).sorted(Finding.REPORT_ORDER).toList();
    }

    /** The most severe of {@code findings} (non-empty). */
    public static Severity worst(List<Finding> findings) {
        return findings.stream().map(Finding::severity).min(Comparator.naturalOrder()).orElse(Severity.INFO);
    }
}
