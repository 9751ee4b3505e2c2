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

    default void beforeStatement(Migration migration, SqlStatement statement, Connection connection)
            throws SQLException {
    }

    default void afterStatement(Migration migration, SqlStatement statement, Connection connection)
            throws SQLException {
    }
}
