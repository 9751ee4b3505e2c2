package dev.dbguard.core.migration;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Called by {@link MigrationRunner} around every statement, on the connection that runs it, so the engine
 * can tag the journal of what each statement did.
 */
public interface StatementListener {

    StatementListener NONE = new StatementListener() {
    };

    /**
     * A comment sent in front of the statement's text, in the same round trip: the journal reads the statement's
     * key from it server-side ({@code current_query()}), which costs nothing per statement. Must be a single-line
     * block comment ({@code /* ... *}{@code /}) without a line break, so PostgreSQL's error positions and PL/pgSQL's
     * line numbers keep their meaning once its length is taken off.
     */
    default String leadingComment(Migration migration, SqlStatement statement) {
        return "";
    }

    /** True to leave the statement out (the data rehearsal skips statements that change the server's roles). */
    default boolean skip(Migration migration, SqlStatement statement) {
        return false;
    }

    default void beforeStatement(Migration migration, SqlStatement statement, Connection connection)
            throws SQLException {
    }

    default void afterStatement(Migration migration, SqlStatement statement, Connection connection)
            throws SQLException {
    }
}
