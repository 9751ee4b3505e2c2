package dev.dbguard.core.role;

import dev.dbguard.core.journal.StatementKey;

/**
 * A statement that did not do as the migration role what it does as a superuser.
 *
 * @param key           the statement, or null when no migration statement was running (a tool's bookkeeping)
 * @param table         the table the statement changes (schema-qualified), or null when it changes none
 * @param sql           the statement as sent, without db-guard's tag comment
 * @param error         PostgreSQL's error as the migration role ({@code SQLSTATE text}), or null when it ran
 * @param roleRows      rows it changed as the migration role, or null when it failed or was not counted
 * @param superuserRows rows it changed as a superuser, or null when not counted
 */
public record RoleEvent(Kind kind, StatementKey key, String table, String sql, String error, Long roleRows,
                        Long superuserRows) {

    public enum Kind {
        /** Failed as the migration role with a privilege error; applied as a superuser instead. */
        NEEDS_SUPERUSER,
        /** Changed fewer rows as the migration role, or failed while row level security was applied to it. */
        BLOCKED_BY_RLS
    }
}
