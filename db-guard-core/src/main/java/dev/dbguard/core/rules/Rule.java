package dev.dbguard.core.rules;

import dev.dbguard.core.GuardConfig;
import dev.dbguard.core.report.Severity;

/**
 * A check with an id from docs/RULES.md. Every implementation carries {@link RuleDefinition}; the kinds of rules
 * differ only in the inputs they need.
 */
public sealed interface Rule permits SchemaRule, MigrationRule, ProbeRule {

    default RuleDefinition definition() {
        RuleDefinition definition = getClass().getAnnotation(RuleDefinition.class);
        if (definition == null) {
            throw new IllegalStateException(getClass().getName() + " lacks @RuleDefinition");
        }
        return definition;
    }

    default String id() {
        return definition().id();
    }

    default Severity defaultSeverity() {
        return definition().severity();
    }

    /**
     * False when the configuration gives the rule nothing to judge (the app-role rules without {@code appRole}):
     * reports then do not list it as having examined anything.
     */
    default boolean appliesTo(GuardConfig config) {
        return true;
    }
}
