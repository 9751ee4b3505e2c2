package dev.dbguard.core.rules;

import dev.dbguard.core.api.GuardConfig;
import dev.dbguard.core.api.Severity;

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

    /** Everything the rule's verdict is read from: its kind's input and what {@link RuleDefinition#needs()} adds. */
    default java.util.Set<Need> needs() {
        java.util.Set<Need> needs = java.util.EnumSet.noneOf(Need.class);
        needs.add(this instanceof SchemaRule ? Need.SCHEMA : this instanceof MigrationRule ? Need.MIGRATIONS : Need.PROBE);
        needs.addAll(java.util.List.of(definition().needs()));
        return needs;
    }

    /** True when the configuration can give the rule every input it needs. */
    default boolean needsMetBy(GuardConfig config) {
        return needs().stream().allMatch(need -> need.availableWith(config));
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
