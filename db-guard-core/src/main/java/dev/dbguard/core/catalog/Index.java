package dev.dbguard.core.catalog;

import java.util.List;

/**
 * An index.
 *
 * @param columns    key columns in order; an expression key is null at its position
 * @param predicate  the WHERE of a partial index, or null
 * @param definition {@code pg_get_indexdef()}
 * @param valid      false for an index left invalid (e.g. a failed CREATE INDEX CONCURRENTLY)
 */
public record Index(
        String name,
        List<String> columns,
        boolean unique,
        boolean primary,
        String predicate,
        String definition,
        boolean valid) {

    public Index {
        columns = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(columns));
    }

    /** True when the first key column is {@code column}. */
    public boolean startsWith(String column) {
        return !columns.isEmpty() && column.equals(columns.get(0));
    }
}
