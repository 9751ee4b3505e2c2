package dev.dbguard.core.rules;

import dev.dbguard.core.report.Severity;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Everything about a rule that is not its logic, on the rule class itself, so no rule can lose its id or
 * summary. The id is the contract of docs/RULES.md; the page {@code docs/rules/<id>.md} explains it.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface RuleDefinition {

    /** Stable kebab-case id, verbatim in every report. */
    String id();

    /** Default severity. */
    Severity severity();

    /** One line, no trailing period. */
    String summary();

    /** The docs/RULES.md section the rule belongs to. */
    Section section();

    /** False for rules that are off unless the user switches them on. */
    boolean onByDefault() default true;
}
