package dev.dbguard.core.postgres;

import dev.dbguard.core.DbGuardException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A scratch database on a server db-guard did not start: it connects to the maintenance database given,
 * creates a database with a unique name, and on close drops that database and the roles created while it
 * lived (the migrations' roles). It never changes anything else on the server. Credentials are kept out of
 * every message.
 */
public final class ScratchDatabaseProvider {

    private final String maintenanceUrl;
    private final String user;
    private final String password;

    /**
     * @param maintenanceUrl JDBC URL of an existing database used only to create and drop the scratch
     *                       database, e.g. {@code jdbc:postgresql://localhost:5432/postgres}
     */
    public ScratchDatabaseProvider(String maintenanceUrl, String user, String password) {
        this.maintenanceUrl = maintenanceUrl;
        this.user = user;
        this.password = password;
    }

    public ThrowawayPostgres create() {
        String database = "db_guard_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        try (Connection c = DriverManager.getConnection(maintenanceUrl, credentials(user, password));
             Statement s = c.createStatement()) {
            Set<String> rolesBefore = roles(c);
            s.execute("CREATE DATABASE " + database);
            String version;
            try (ResultSet rs = s.executeQuery("SHOW server_version")) {
                rs.next();
                version = rs.getString(1).split(" ")[0];
            }
            return new Scratch(database, rolesBefore, version);
        } catch (SQLException e) {
            throw new DbGuardException("cannot create a scratch database through " + redact(maintenanceUrl)
                    + ": " + e.getMessage(), e);
        }
    }

    private static Set<String> roles(Connection c) throws SQLException {
        Set<String> roles = new HashSet<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT rolname FROM pg_roles")) {
            while (rs.next()) {
                roles.add(rs.getString(1));
            }
        }
        return roles;
    }

    private static Properties credentials(String user, String password) {
        Properties props = new Properties();
        if (user != null) {
            props.setProperty("user", user);
        }
        if (password != null) {
            props.setProperty("password", password);
        }
        props.setProperty("ApplicationName", "db-guard");
        return props;
    }

    /** The URL without its query string, where a password could be written. */
    static String redact(String url) {
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query) + "?…";
    }

    /** {@code jdbc:postgresql://host:port/<database>}, keeping the maintenance URL's parameters. */
    private String urlOf(String database) {
        String base = maintenanceUrl;
        String query = "";
        int q = base.indexOf('?');
        if (q >= 0) {
            query = base.substring(q);
            base = base.substring(0, q);
        }
        int slash = base.lastIndexOf('/');
        if (slash < "jdbc:postgresql://".length()) {
            throw new DbGuardException("url " + redact(maintenanceUrl) + " names no database: use jdbc:postgresql://host:port/postgres");
        }
        return base.substring(0, slash + 1) + database + query;
    }

    private final class Scratch implements ThrowawayPostgres {
        private final String database;
        private final Set<String> rolesBefore;
        private final String version;
        private final AtomicBoolean closed = new AtomicBoolean();
        private final Thread shutdownHook = new Thread(this::drop, "db-guard-scratch-drop");

        Scratch(String database, Set<String> rolesBefore, String version) {
            this.database = database;
            this.rolesBefore = rolesBefore;
            this.version = version;
            Runtime.getRuntime().addShutdownHook(shutdownHook);
        }

        @Override
        public String jdbcUrl() {
            return redact(urlOf(database));
        }

        @Override
        public String adminUser() {
            return user;
        }

        @Override
        public Connection connectAsAdmin() throws SQLException {
            return DriverManager.getConnection(urlOf(database), credentials(user, password));
        }

        @Override
        public Connection connect(String role, String rolePassword) throws SQLException {
            return DriverManager.getConnection(urlOf(database), credentials(role, rolePassword));
        }

        @Override
        public ThrowawayPostgres sibling() {
            return create();
        }

        @Override
        public String serverVersion() {
            return version;
        }

        @Override
        public void close() {
            drop();
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException e) {
                // shutting down: the hook does the work
            }
        }

        private void drop() {
            if (!closed.compareAndSet(false, true)) {
                return;
            }
            try (Connection c = DriverManager.getConnection(maintenanceUrl, credentials(user, password));
                 Statement s = c.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
                for (String role : roles(c)) {
                    if (!rolesBefore.contains(role)) {
                        try (PreparedStatement quote = c.prepareStatement("SELECT quote_ident(?)")) {
                            quote.setString(1, role);
                            try (ResultSet rs = quote.executeQuery()) {
                                rs.next();
                                s.execute("DROP ROLE IF EXISTS " + rs.getString(1));
                            }
                        }
                    }
                }
            } catch (SQLException e) {
                throw new DbGuardException("could not drop scratch database " + database + " on "
                        + redact(maintenanceUrl) + ": " + e.getMessage().toLowerCase(Locale.ROOT), e);
            }
        }
    }
}
