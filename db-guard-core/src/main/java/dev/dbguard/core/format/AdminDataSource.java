package dev.dbguard.core.format;

import dev.dbguard.core.postgres.ThrowawayPostgres;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.Statement;
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

    /**
     * How long a statement of the tool's may wait for a lock. Nothing else uses the throwaway database, so a wait
     * is the tool waiting on itself (Flyway's transactional lock held while CREATE INDEX CONCURRENTLY waits for
     * every open transaction): without a bound it would never end. A migration's own SET lock_timeout still applies.
     */
    static final String LOCK_TIMEOUT = "30s";

    @Override
    public Connection getConnection() throws SQLException {
        Connection connection = database.connectAsAdmin();
        try (Statement s = connection.createStatement()) {
            s.execute("SET lock_timeout = '" + LOCK_TIMEOUT + "'");
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        return connection;
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return getConnection();
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
