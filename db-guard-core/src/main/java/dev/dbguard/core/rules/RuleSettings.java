package dev.dbguard.core.rules;

import dev.dbguard.core.api.DbGuardException;
import dev.dbguard.core.api.Finding;
import dev.dbguard.core.api.Severity;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The {@code rules} parameter applied: per rule id a severity that replaces the default, or {@code off}.
 * An unknown rule id or value is a configuration error, not something to ignore.
 */
public final class RuleSettings {

    private final Map<String, Optional<Severity>> overrides;

    private RuleSettings(Map<String, Optional<Severity>> overrides) {
        this.overrides = overrides;
    }

    public static RuleSettings parse(Map<String, String> configured) {
        Map<String, Optional<Severity>> overrides = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : configured.entrySet()) {
            String id = entry.getKey().trim();
            if (!BuiltInRules.ids().contains(id)) {
                throw new DbGuardException("rules: unknown rule id '" + id + "'; known ids: "
                        + String.join(", ", new TreeSet<>(BuiltInRules.ids())));
            }
            String value = entry.getValue() == null ? "" : entry.getValue().trim();
            if (value.toLowerCase(Locale.ROOT).equals("off")) {
                overrides.put(id, Optional.empty());
            } else {
                try {
                    overrides.put(id, Optional.of(Severity.parse(value)));
                } catch (IllegalArgumentException e) {
                    throw new DbGuardException("rules: '" + value + "' for " + id
                            + " is not a setting; use ERROR, WARNING, INFO or off");
                }
            }
        }
        return new RuleSettings(overrides);
    }

    /** True when the rule runs: on by default and not switched off, or off by default and given a severity. */
    public boolean enabled(Rule rule) {
        Optional<Severity> override = overrides.get(rule.id());
        if (override == null) {
            return rule.definition().onByDefault();
        }
        return override.isPresent();
    }

    public Severity severity(Rule rule) {
        Optional<Severity> override = overrides.get(rule.id());
        return override != null && override.isPresent() ? override.get() : rule.defaultSeverity();
    }

    /** The findings of enabled rules, with configured severities. */
    public List<Finding> apply(Rule rule, List<Finding> findings) {
        Severity severity = severity(rule);
        return findings.stream().map(f -> f.severity() == severity ? f : f.withSeverity(severity)).toList();
    }
}
