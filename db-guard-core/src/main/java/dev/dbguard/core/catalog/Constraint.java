package dev.dbguard.core.catalog;

import java.util.List;

/**
 * A table constraint.
 *
 * @param type       PRIMARY_KEY, UNIQUE, FOREIGN_KEY, CHECK, EXCLUSION, NOT_NULL (PostgreSQL 18+ only)
 * @param columns    the constrained columns in key order (empty for a CHECK on an expression)
 * @param references the referenced table of a foreign key, or null
 * @param refColumns the referenced columns of a foreign key in key order, else empty
 * @param definition {@code pg_get_constraintdef()}
 * @param validated  false for a constraint added NOT VALID and not validated since
 */
public record Constraint(
        String name,
        Type type,
        List<String> columns,
        QualifiedName references,
        List<String> refColumns,
        String definition,
        boolean validated) {

    public enum Type {
        PRIMARY_KEY, UNIQUE, FOREIGN_KEY, CHECK, EXCLUSION, OTHER;

        static Type of(String contype) {
            return switch (contype) {
                case "p" -> PRIMARY_KEY;
                case "u" -> UNIQUE;
                case "f" -> FOREIGN_KEY;
                case "c" -> CHECK;
                case "x" -> EXCLUSION;
                default -> OTHER;
            };
        }
    }

    public Constraint {
        columns = List.copyOf(columns);
        refColumns = List.copyOf(refColumns);
    }
}
