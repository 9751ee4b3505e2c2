package dev.dbguard.core.rules;

import dev.dbguard.core.api.DbGuardException;
import dev.dbguard.core.api.Finding;
import dev.dbguard.core.api.Severity;
import dev.dbguard.core.api.GuardConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code rules} parameter applied: per rule id a severity that replaces the default, or {@code off}.
 * An unknown rule id or value is a configuration error, not something to ignore.
 */
public final class RuleSettings {

    private final Map<String, Optional<Severity>> overrides;

    private RuleSettings(Map<String, Optional<Severity>> overrides) {
        this.overrides = overrides;
    }

    /**
     * The settings by rule id.
     *
     * @throws dev.dbguard.core.api.InvalidParameterException naming {@code rules} and an unknown rule id or a value
     *                                                       that is no setting
     */
    public static RuleSettings parse(Map<String, String> configured) {
        Map<String, Optional<Severity>> overrides = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : configured.entrySet()) {
            String id = BuiltInRules.known("rules", entry.getKey());
            String setting = GuardConfig.ruleSetting(id, entry.getValue());
            overrides.put(id, setting.equals(GuardConfig.RULE_OFF) ? Optional.empty()
                    : Optional.of(Severity.valueOf(setting)));
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
