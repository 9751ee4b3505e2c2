package dev.dbguard.core.report;

import dev.dbguard.core.rules.BuiltInRules;
import dev.dbguard.core.rules.Rule;
import java.util.Optional;

/** Where a rule is explained, and its one-line summary, for the reports that link to it. */
public final class RuleDocs {

    /** The folder of rule pages in the db-guard repository: {@code docs/rules/<rule-id>.md}. */
    public static final String FOLDER = "docs/rules/";

    private RuleDocs() {
    }

    /** The rule's documentation page, {@code docs/rules/<rule-id>.md}. */
    public static String page(String ruleId) {
        return FOLDER + ruleId + ".md";
    }

    /** The summary on the rule's {@code @RuleDefinition}, when {@code ruleId} is a built-in rule. */
    public static Optional<String> summary(String ruleId) {
        return BuiltInRules.all().stream().filter(r -> r.id().equals(ruleId)).findFirst()
                .map(Rule::definition).map(d -> d.summary());
    }
}
