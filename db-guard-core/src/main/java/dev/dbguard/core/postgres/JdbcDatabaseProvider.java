package dev.dbguard.core.postgres;

import dev.dbguard.core.api.DbGuardException;
import dev.dbguard.core.api.RunListener;
import java.io.IOException;
import java.net.InetAddress;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Provider {@code jdbc}: a scratch database on a server db-guard did not start.
 *
 * <p>It connects to the database the URL names only as a maintenance connection (it reads the role list
 * there and runs {@code CREATE DATABASE} and {@code DROP DATABASE}, nothing else), creates a database with a
 * unique name, and on close, also after a failure and on JVM shutdown, drops that database and the roles
 * that appeared while it lived. It never uses, alters or drops a database it did not create.
 *
 * <p>Roles are cluster-wide, and PostgreSQL's event triggers do not see {@code CREATE ROLE}, so which roles a
 * run created is known only by comparing the role list before and after. A role that appeared meanwhile is
 * dropped only when, once the scratch database is gone, it holds no object and no privilege in any other
 * database (PostgreSQL itself refuses {@code DROP ROLE} otherwise); such a role is left in place with a
 * warning. A bare role another client creates on the same server during the run cannot be told apart from
 * one the migrations created, so do not share the server with something that creates roles while db-guard
 * runs. {@code ALTER ROLE} on a role that existed before is not undone.
 *
 * <p>A build that was killed cannot drop its database: each scratch database carries a comment naming the
 * machine, process id and start time of the JVM that created it, and the next run from the same machine drops
 * those whose JVM is gone. Their roles cannot be told apart any more and remain.
 *
 * <p>Passwords never appear in a message: every text from the driver passes through {@link Secrets}.
 */
public final class JdbcDatabaseProvider {

    /** Prefix of every database this provider creates; the rest is random. */
    public static final String DATABASE_PREFIX = "db_guard_";

    private final String maintenanceUrl;
    private final String user;
    private final String password;
    private final Secrets secrets;

    /**
     * @param maintenanceUrl JDBC URL of an existing database used only to create and drop the scratch
     *                       database, e.g. {@code jdbc:postgresql://localhost:5432/postgres}
     * @param user           a superuser (db-guard's DDL journal is an event trigger), or null for the driver's default
     * @param password       its password, or null
     */
    public JdbcDatabaseProvider(String maintenanceUrl, String user, String password) {
        this.secrets = new Secrets(password);
        JdbcUrls.validate(maintenanceUrl);
        this.maintenanceUrl = maintenanceUrl;
        this.user = user;
        this.password = password;
    }

    public ThrowawayPostgres create() {
        return create(RunListener.SILENT);
    }

    /** Creates the scratch database; {@code listener} hears about roles left in place when it is dropped. */
    public ThrowawayPostgres create(RunListener listener) {
        String database = DATABASE_PREFIX + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        String where = JdbcUrls.withoutSecrets(maintenanceUrl);
        try (Connection c = maintenance()) {
            String admin = requireSuperuser(c, where);
            reapAbandoned(c, listener);
            Set<String> rolesBefore = roles(c);
            String version;
            try (Statement s = c.createStatement()) {
                try (ResultSet rs = s.executeQuery("SHOW server_version")) {
                    rs.next();
                    version = rs.getString(1).split(" ")[0];
                }
                s.execute("CREATE DATABASE " + database);
                s.execute("COMMENT ON DATABASE " + database + " IS '" + OwnerComment.ofThisJvm().text() + "'");
            }
            listener.progress("created scratch database " + database + " on " + JdbcUrls.host(where) + ":"
                    + JdbcUrls.port(where));
            return new Scratch(database, admin, rolesBefore, version, listener);
        } catch (SQLException e) {
            throw new DbGuardException("cannot create a scratch database on the server of url " + where
                    + (user == null ? "" : " as " + user) + ": " + secrets.scrub(e.getMessage())
                    + " (check url, username and password or serverId; the user needs to be a superuser)");
        }
    }

    /**
     * A handle on {@code database}, a database of this server that a scratch database was kept as
     * ({@link ThrowawayPostgres#keepAs}) before the server's data directory was kept: closing it drops it, as closing
     * a scratch database does.
     */
    public ThrowawayPostgres adopt(String database) {
        requireKeptName(database);
        String where = JdbcUrls.withoutSecrets(maintenanceUrl);
        try (Connection c = maintenance(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SHOW server_version")) {
            rs.next();
            return new Scratch(database, requireSuperuser(c, where), roles(c), rs.getString(1).split(" ")[0],
                    RunListener.SILENT);
        } catch (SQLException e) {
            throw new DbGuardException("cannot reach the kept database " + database + " on the server of url " + where
                    + ": " + secrets.scrub(e.getMessage()));
        }
    }

    /** A kept database's name: a plain identifier outside the scratch names, so no reaper takes it for abandoned. */
    private static void requireKeptName(String name) {
        if (!name.matches("[a-z_][a-z0-9_]*") || name.matches(DATABASE_PREFIX + "[0-9a-f]{16}")) {
            throw new IllegalArgumentException("not a name for a kept database: " + name);
        }
    }

    /**
     * Drops the scratch databases that a db-guard build on this machine created and could not drop because it
     * was killed: recognised by their name and by the owner comment db-guard writes on each, whose JVM is gone.
     * Databases of builds on other machines, or of live builds, are left alone.
     */
    private void reapAbandoned(Connection c, RunListener listener) throws SQLException {
        List<String> abandoned = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT datname, shobj_description(oid, 'pg_database') FROM pg_database WHERE datname LIKE 'db\\_guard\\_%'")) {
            while (rs.next()) {
                String name = rs.getString(1);
                OwnerComment owner = OwnerComment.parse(rs.getString(2));
                if (name.matches(DATABASE_PREFIX + "[0-9a-f]{16}") && owner != null && owner.abandonedOnThisMachine()) {
                    abandoned.add(name);
                }
            }
        }
        for (String name : abandoned) {
            try (Statement s = c.createStatement()) {
                terminateConnections(c, name);
                s.execute("DROP DATABASE IF EXISTS " + name);
                listener.warning("dropped scratch database " + name + ", left by a db-guard build on this machine "
                        + "that was killed (roles its migrations created, if any, could not be told apart and remain)");
            } catch (SQLException e) {
                listener.warning("could not drop scratch database " + name + " left by a killed db-guard build: "
                        + secrets.scrub(e.getMessage()));
            }
        }
    }

    private static void terminateConnections(Connection c, String database) throws SQLException {
        try (PreparedStatement terminate = c.prepareStatement("SELECT pg_terminate_backend(pid) "
                + "FROM pg_stat_activity WHERE datname = ? AND pid <> pg_backend_pid()")) {
            terminate.setString(1, database);
            terminate.executeQuery().close();
        }
    }

    private Connection maintenance() throws SQLException {
        try {
            return DriverManager.getConnection(maintenanceUrl, credentials(user, password));
        } catch (SQLException e) {
            throw secrets.scrub(e);
        }
    }

    /** db-guard's journal is an event trigger, which only a superuser may create: say so before anything is created. */
    private String requireSuperuser(Connection c, String where) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT current_user, rolsuper FROM pg_roles WHERE rolname = current_user")) {
            rs.next();
            String current = rs.getString(1);
            if (!rs.getBoolean(2)) {
                throw new DbGuardException("provider jdbc: role " + current + " on the server of url " + where
                        + " is not a superuser. db-guard records what each migration statement did with an event"
                        + " trigger, which only a superuser may create, and creates and drops the migrations' roles:"
                        + " connect as a superuser (username/password or serverId), or use provider embedded");
            }
            return current;
        }
    }

    private static Set<String> roles(Connection c) throws SQLException {
        Set<String> roles = new TreeSet<>();
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

    /** Who created a scratch database, written as its comment: this machine's name, the JVM's pid and start. */
    record OwnerComment(String host, long pid, String started) {
        private static final String PREFIX = "db-guard scratch database; owner ";
        private static final String UNKNOWN_HOST = "unknown-host";
        private static final Pattern FORMAT =
                Pattern.compile(Pattern.quote(PREFIX) + "host=(\\S+) pid=(\\d+) started=(\\S*)");

        static OwnerComment ofThisJvm() {
            ProcessHandle self = ProcessHandle.current();
            return new OwnerComment(hostName(), self.pid(),
                    self.info().startInstant().map(Object::toString).orElse(""));
        }

        static OwnerComment parse(String comment) {
            if (comment == null) {
                return null;
            }
            Matcher m = FORMAT.matcher(comment);
            return m.matches() ? new OwnerComment(m.group(1), Long.parseLong(m.group(2)), m.group(3)) : null;
        }

        String text() {
            return PREFIX + "host=" + host + " pid=" + pid + " started=" + started;
        }

        /** Written on this machine by a JVM that no longer runs (a recycled pid has another start time). */
        boolean abandonedOnThisMachine() {
            if (host.equals(UNKNOWN_HOST) || !host.equals(hostName())) {
                return false;
            }
            Optional<ProcessHandle> process = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
            if (process.isEmpty()) {
                return true;
            }
            Optional<String> actual = process.get().info().startInstant().map(Object::toString);
            return !started.isEmpty() && actual.isPresent() && !actual.get().equals(started);
        }

        private static String hostName() {
            try {
                String name = InetAddress.getLocalHost().getHostName();
                return name.replaceAll("[^A-Za-z0-9._-]", "_");
            } catch (IOException e) {
                return UNKNOWN_HOST;
            }
        }
    }

    private final class Scratch implements ThrowawayPostgres {
        private final String database;
        private final String admin;
        private final Set<String> rolesBefore;
        private final String version;
        private final RunListener listener;
        private final AtomicBoolean closed = new AtomicBoolean();
        private final Thread shutdownHook = new Thread(this::dropQuietly, "db-guard-scratch-drop");

        Scratch(String database, String admin, Set<String> rolesBefore, String version, RunListener listener) {
            this.database = database;
            this.admin = admin;
            this.rolesBefore = rolesBefore;
            this.version = version;
            this.listener = listener;
            Runtime.getRuntime().addShutdownHook(shutdownHook);
        }

        @Override
        public String jdbcUrl() {
            return JdbcUrls.withoutSecrets(JdbcUrls.withDatabase(maintenanceUrl, database));
        }

        @Override
        public String adminUser() {
            return admin;
        }

        @Override
        public Connection connectAsAdmin() throws SQLException {
            return connect(user, password);
        }

        @Override
        public Connection connect(String role, String rolePassword) throws SQLException {
            try {
                return DriverManager.getConnection(JdbcUrls.withDatabase(maintenanceUrl, database),
                        credentials(role, rolePassword));
            } catch (SQLException e) {
                throw new Secrets(password, rolePassword).scrub(e);
            }
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
        public ConnectionInfo connectionInfo() {
            return ConnectionInfo.of(jdbcUrl(), admin, password);
        }

        @Override
        public void keepAs(String name) {
            requireKeptName(name);
            if (!closed.compareAndSet(false, true)) {
                throw new IllegalStateException("scratch database " + database + " is closed already");
            }
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException e) {
                // shutting down: the server goes with the JVM
            }
            String where = JdbcUrls.withoutSecrets(maintenanceUrl);
            try (Connection c = maintenance(); Statement s = c.createStatement()) {
                terminateConnections(c, database);
                if (!database.equals(name)) {
                    s.execute("ALTER DATABASE " + database + " RENAME TO " + name);
                    s.execute("COMMENT ON DATABASE " + name + " IS NULL");
                }
            } catch (SQLException e) {
                throw new DbGuardException("could not keep scratch database " + database + " as " + name
                        + " on the server of url " + where + ": " + secrets.scrub(e.getMessage()));
            }
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

        /** At JVM exit: classes not loaded by then may be gone with Maven's plugin realm, so failure is expected. */
        private void dropQuietly() {
            try {
                drop();
            } catch (Throwable e) {
                System.err.println("db-guard: could not drop scratch database " + database + " at exit; the next "
                        + "db-guard run with provider jdbc from this machine drops it");
            }
        }

        private void drop() {
            if (!closed.compareAndSet(false, true)) {
                return;
            }
            String where = JdbcUrls.withoutSecrets(maintenanceUrl);
            try (Connection c = maintenance(); Statement s = c.createStatement()) {
                // our own connections only can be in it: the name is random and known to no one else
                terminateConnections(c, database);
                s.execute("DROP DATABASE IF EXISTS " + database);
                dropCreatedRoles(c);
            } catch (SQLException e) {
                throw new DbGuardException("could not drop scratch database " + database + " on the server of url "
                        + where + ": " + secrets.scrub(e.getMessage()) + "; drop it by hand: DROP DATABASE "
                        + database);
            }
        }

        /** Drops the roles that appeared during the run and are used by no other database. */
        private void dropCreatedRoles(Connection c) throws SQLException {
            List<String> created = new ArrayList<>(roles(c));
            created.removeAll(rolesBefore);
            for (Map.Entry<String, List<String>> entry : usesElsewhere(c, created).entrySet()) {
                String role = entry.getKey();
                if (!entry.getValue().isEmpty()) {
                    listener.warning("role " + role + " appeared while db-guard ran on this server but holds "
                            + String.join(", ", entry.getValue()) + ": db-guard cannot tell it created it and "
                            + "leaves it in place; drop it yourself if it came from the migrations");
                    continue;
                }
                try (Statement s = c.createStatement()) {
                    s.execute("DROP ROLE IF EXISTS " + quoteIdent(c, role));
                } catch (SQLException e) {
                    listener.warning("role " + role + " created by the migrations could not be dropped: "
                            + secrets.scrub(e.getMessage()) + "; drop it yourself");
                }
            }
        }

        /** For each role, what it owns or is granted in databases other than the dropped scratch one. */
        private Map<String, List<String>> usesElsewhere(Connection c, List<String> roleNames) throws SQLException {
            Map<String, List<String>> uses = new LinkedHashMap<>();
            for (String role : roleNames) {
                uses.put(role, new ArrayList<>());
            }
            if (roleNames.isEmpty()) {
                return uses;
            }
            // pg_shdepend: dbid 0 are shared objects (a database, a tablespace the role owns)
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT r.rolname,
                           CASE WHEN d.dbid = 0 THEN 'a shared object (' || d.classid::regclass::text || ')'
                                ELSE 'objects or privileges in database ' || coalesce(db.datname, d.dbid::text) END
                    FROM pg_shdepend d
                    JOIN pg_roles r ON r.oid = d.refobjid
                    LEFT JOIN pg_database db ON db.oid = d.dbid
                    WHERE d.refclassid = 'pg_authid'::regclass AND r.rolname = ANY (?) AND d.deptype <> 'p'
                    GROUP BY 1, 2 ORDER BY 1, 2""")) {
                ps.setArray(1, c.createArrayOf("text", roleNames.toArray()));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        uses.get(rs.getString(1)).add(rs.getString(2));
                    }
                }
            }
            return uses;
        }

        private static String quoteIdent(Connection c, String name) throws SQLException {
            try (PreparedStatement quote = c.prepareStatement("SELECT quote_ident(?)")) {
                quote.setString(1, name);
                try (ResultSet rs = quote.executeQuery()) {
                    rs.next();
                    return rs.getString(1);
                }
            }
        }
    }
}
