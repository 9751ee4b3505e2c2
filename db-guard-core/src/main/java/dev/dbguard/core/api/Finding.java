package dev.dbguard.core.api;

import java.util.Comparator;
import java.util.Objects;

/**
 * One problem found. {@code table} is schema-qualified; {@code column}, {@code object} (a policy, view,
 * function or role name), {@code source}, {@code fix} and {@code rollback} may be null.
 */
public record Finding(
        String rule,
        Severity severity,
        String table,
        String column,
        String object,
        SourceRef source,
        String message,
        String fix,
        String rollback,
        boolean suppressed) {

    public Finding {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(message, "message");
    }

    /** Report order: file, line, rule, table, column, object, message; the same input gives the same order. */
    public static final Comparator<Finding> REPORT_ORDER = Comparator
            .comparing((Finding f) -> f.source() == null ? null : f.source().file(),
                    Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(f -> f.source() == null ? Integer.MAX_VALUE : f.source().line())
            .thenComparing(Finding::rule)
            .thenComparing(Finding::table, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(Finding::column, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(Finding::object, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(Finding::message);

    public Finding withSeverity(Severity newSeverity) {
        return new Finding(rule, newSeverity, table, column, object, source, message, fix, rollback, suppressed);
    }

    public Finding withMessage(String newMessage) {
        return new Finding(rule, severity, table, column, object, source, newMessage, fix, rollback, suppressed);
    }

    public Finding withSource(SourceRef newSource) {
        return new Finding(rule, severity, table, column, object, newSource, message, fix, rollback, suppressed);
    }

    public Finding asSuppressed() {
        return new Finding(rule, severity, table, column, object, source, message, fix, rollback, true);
    }
}
