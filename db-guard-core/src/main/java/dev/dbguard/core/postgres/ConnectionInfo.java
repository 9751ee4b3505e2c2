package dev.dbguard.core.postgres;

import java.util.Objects;

/**
 * How a client (a project's integration tests) connects to a database db-guard provisioned. {@link #toString()}
 * never shows the password, so the record can be logged safely.
 *
 * @param url      JDBC URL of the database, without credentials
 * @param host     host name of the server as given in {@code url}
 * @param port     port of the server
 * @param database the database name
 * @param username the role to connect as
 * @param password its password, or null when the server does not ask for one (the embedded server trusts
 *                 local connections)
 */
public record ConnectionInfo(String url, String host, int port, String database, String username, String password) {

    public ConnectionInfo {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(username, "username");
    }

    /** The connection info of {@code jdbcUrl} (host, port and database read from it). */
    public static ConnectionInfo of(String jdbcUrl, String username, String password) {
        String url = JdbcUrls.withoutSecrets(jdbcUrl);
        return new ConnectionInfo(url, JdbcUrls.host(url), JdbcUrls.port(url), JdbcUrls.database(url), username,
                password);
    }

    @Override
    public String toString() {
        return "ConnectionInfo[url=" + url + ", username=" + username
                + ", password=" + (password == null ? "none" : "****") + "]";
    }
}
