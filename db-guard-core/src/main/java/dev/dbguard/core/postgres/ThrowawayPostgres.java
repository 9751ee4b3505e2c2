package dev.dbguard.core.postgres;

import java.nio.file.Path;
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

    /**
     * Whether this handle is a whole server db-guard started and may stop: only then can its data directory be kept
     * ({@link #closeKeepingData}) and a database of it be kept with the server ({@link #keepAs}).
     */
    default boolean keepsData() {
        return false;
    }

    /**
     * Copies this database as it is now, on the same server: {@link #closeKeepingData} keeps the copy in its place,
     * so what runs on the database after this call (the isolation probe's grants) is not kept. Only when
     * {@link #keepsData()}.
     */
    default void copyForKeeping() {
        throw new UnsupportedOperationException("this database cannot be kept");
    }

    /**
     * Closes this database, which another database of the same server ({@link #sibling()}) keeps under {@code name}
     * for {@link #closeKeepingData} instead of dropping it. Only when {@link #keepsData()} holds for the server.
     */
    default void keepAs(String name) {
        throw new UnsupportedOperationException("this database cannot be kept");
    }

    /**
     * A handle on the database {@code name} of this server, one kept by {@link #keepAs} before the data directory
     * was kept; closing it drops it, as closing a {@link #sibling()} does.
     */
    default ThrowawayPostgres adopt(String name) {
        throw new UnsupportedOperationException("this server holds no kept database");
    }

    /**
     * Stops the server with a clean shutdown and moves its data directory to {@code target} (a folder that does not
     * exist yet; copied when a move is not possible) before the instance's other files are removed. False, with
     * nothing kept, when this handle is not a whole server db-guard started, when the shutdown was not clean, or
     * when the files could not be moved: the server is stopped and its files removed all the same.
     */
    default boolean closeKeepingData(Path target) {
        close();
        return false;
    }

    @Override
    void close();
}
