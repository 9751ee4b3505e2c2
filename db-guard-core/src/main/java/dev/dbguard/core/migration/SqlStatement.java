package dev.dbguard.core.migration;

/**
 * One statement of a migration script, as PostgreSQL will receive it.
 *
 * @param index 0-based position in its script
 * @param line  1-based line of the statement's first token (comments before it are not part of it)
 * @param sql   the statement text without its terminating semicolon, comments inside it kept
 */
public record SqlStatement(int index, int line, String sql) {
}
