package dev.dbguard.core.format;

import dev.dbguard.core.postgres.ThrowawayPostgres;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/** The throwaway database as a {@link DataSource} for a tool that opens its own connections: no password passes. */
final class AdminDataSource implements DataSource {

    private final ThrowawayPostgres database;

    AdminDataSource(ThrowawayPostgres database) {
        this.database = database;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return database.connectAsAdmin();
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return database.connectAsAdmin();
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
    }

    @Override
    public void setLoginTimeout(int seconds) {
    }

    @Override
    public int getLoginTimeout() {
        return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException("no parent logger");
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        throw new SQLException("not a wrapper for " + iface.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this);
    }
}
