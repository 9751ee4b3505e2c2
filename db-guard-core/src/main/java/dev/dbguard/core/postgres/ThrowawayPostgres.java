package dev.dbguard.core.postgres;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * A PostgreSQL server and database that db-guard created and will destroy. Closing it stops the server
 * (or drops the database) and removes its files; closing twice is harmless.
 */
public interface ThrowawayPostgres extends AutoCloseable {

    /** JDBC URL of the database the migrations run in. Contains no password. */
    String jdbcUrl();

    /** The role db-guard administers the database with: a superuser. */
    String adminUser();

    /** A new connection as {@link #adminUser()}, auto-commit on. */
    Connection connectAsAdmin() throws SQLException;

    /** A new connection to the same database as another role (the isolation probe's role). */
    Connection connect(String user, String password) throws SQLException;

    /**
     * Another empty database on the same server, created by db-guard for its own use (the data rehearsal) and
     * dropped when the returned handle is closed. Roles are the server's: the sibling sees the roles this
     * database's migrations created.
     */
    ThrowawayPostgres sibling();

    /** {@code server_version} as PostgreSQL reports it, e.g. "17.2". */
    String serverVersion();

    /**
     * How a client connects to this database as {@link #adminUser()}: what the {@code start} goal hands to a
     * project's integration tests. The default suits a server that asks the admin for no password.
     */
    default ConnectionInfo connectionInfo() {
        return ConnectionInfo.of(jdbcUrl(), adminUser(), null);
    }

    @Override
    void close();
}
