package dev.dbguard.core.report;

import dev.dbguard.core.rules.BuiltInRules;
import dev.dbguard.core.rules.Rule;
import java.util.Optional;

/**
 * A rule id linked to its page in the repository, {@code docs/rules/<rule-id>.md}, and its one-line summary: what
 * the HTML and site reports print beside a rule. The page's text itself is {@link dev.dbguard.core.rules.RuleDocs}.
 */
public final class RuleLinks {

    /** The folder of rule pages in the db-guard repository: {@code docs/rules/<rule-id>.md}. */
    public static final String FOLDER = "docs/rules/";

    private RuleLinks() {
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
