package dev.dbguard.core.fix;

import dev.dbguard.core.api.Finding;
import dev.dbguard.core.api.Severity;
import dev.dbguard.core.rules.BuiltInRules;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which findings the {@code fix} goal writes: those of the chosen rules (none chosen: every ERROR finding), on the
 * chosen tables (none chosen: every table).
 *
 * @param rules  rule ids; empty selects every finding at ERROR
 * @param tables table names, unqualified (any schema) or schema-qualified; empty selects every table
 */
public record FixSelection(Set<String> rules, List<String> tables) {

    public static final FixSelection DEFAULT = new FixSelection(Set.of(), List.of());

    public FixSelection {
        rules = Set.copyOf(rules);
        tables = List.copyOf(tables);
    }

    /**
     * The selection from the goal's parameters; each item may itself hold several values separated by commas.
     *
     * @throws dev.dbguard.core.api.InvalidParameterException naming {@code fixRules}, an unknown rule id and the
     *                                                       known ones
     */
    public static FixSelection parse(List<String> rules, List<String> tables) {
        Set<String> ids = new LinkedHashSet<>();
        for (String id : split(rules)) {
            ids.add(BuiltInRules.known("fixRules", id));
        }
        return new FixSelection(ids, split(tables));
    }

    /** True when no rule was chosen: every ERROR finding is selected. */
    public boolean everyError() {
        return rules.isEmpty();
    }

    /** Whether the finding is one the user asked to fix (suppressed findings never are). */
    public boolean selects(Finding finding) {
        if (finding.suppressed()) {
            return false;
        }
        boolean rule = rules.isEmpty() ? finding.severity() == Severity.ERROR : rules.contains(finding.rule());
        return rule && (tables.isEmpty() || tables.stream().anyMatch(t -> names(finding.table(), t)));
    }

    /** The chosen tables that name no table of any finding: probably a typing mistake. */
    public List<String> unmatchedTables(List<Finding> findings) {
        return tables.stream().filter(t -> findings.stream().noneMatch(f -> names(f.table(), t))).toList();
    }

    private static boolean names(String qualified, String chosen) {
        if (qualified == null) {
            return false;
        }
        if (chosen.contains(".")) {
            return qualified.equals(chosen);
        }
        return qualified.substring(qualified.indexOf('.') + 1).equals(chosen);
    }

    private static List<String> split(List<String> values) {
        List<String> result = new ArrayList<>();
        for (String value : values == null ? List.<String>of() : values) {
            if (value == null) {
                continue;
            }
            for (String item : value.split(",")) {
                if (!item.isBlank()) {
                    result.add(item.trim());
                }
            }
        }
        return result;
    }
}
