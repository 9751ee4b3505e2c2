package dev.dbguard.core.postgres;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * A {@link ThrowawayPostgres} that forwards everything to another one; subclasses change what differs (when it
 * closes, what its siblings get).
 */
public abstract class ForwardingPostgres implements ThrowawayPostgres {

    private final ThrowawayPostgres database;

    protected ForwardingPostgres(ThrowawayPostgres database) {
        this.database = database;
    }

    /** The database everything is forwarded to. */
    protected ThrowawayPostgres database() {
        return database;
    }

    @Override
    public String jdbcUrl() {
        return database.jdbcUrl();
    }

    @Override
    public String adminUser() {
        return database.adminUser();
    }

    @Override
    public Connection connectAsAdmin() throws SQLException {
        return database.connectAsAdmin();
    }

    @Override
    public Connection connect(String user, String password) throws SQLException {
        return database.connect(user, password);
    }

    @Override
    public ThrowawayPostgres sibling() {
        return database.sibling();
    }

    @Override
    public String serverVersion() {
        return database.serverVersion();
    }

    @Override
    public ConnectionInfo connectionInfo() {
        return database.connectionInfo();
    }

    @Override
    public boolean keepsData() {
        return database.keepsData();
    }

    @Override
    public void copyForKeeping() {
        database.copyForKeeping();
    }

    @Override
    public void keepAs(String name) {
        database.keepAs(name);
    }

    @Override
    public ThrowawayPostgres adopt(String name) {
        return database.adopt(name);
    }

    @Override
    public boolean closeKeepingData(java.nio.file.Path target) {
        return database.closeKeepingData(target);
    }

    @Override
    public void close() {
        database.close();
    }
}
