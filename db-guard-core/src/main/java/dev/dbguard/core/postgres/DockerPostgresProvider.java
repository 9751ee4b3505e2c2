package dev.dbguard.core.postgres;

import dev.dbguard.core.api.DbGuardException;
import dev.dbguard.core.api.RunListener;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * Provider {@code docker}: a PostgreSQL container started with Testcontainers, from the official
 * {@code postgres} image of {@code postgresVersion} or any image compatible with it (PostGIS, an image with
 * pg_partman, the team's own production image). The container listens on a random host port, so parallel
 * builds never clash; it is removed on {@link ThrowawayPostgres#close()}, on JVM shutdown, and, when the JVM
 * was killed, by Testcontainers' Ryuk container.
 */
public final class DockerPostgresProvider {

    static final String DATABASE = "db_guard";
    static final String USER = "db_guard";
    private static final String OFFICIAL_IMAGE = "postgres";

    /** The official image of a {@code postgresVersion}: {@code postgres:17}, or {@code postgres:16.6} for 16.6.0. */
    public static String defaultImage(String postgresVersion) {
        String version = PostgresBinaries.binariesVersion(postgresVersion);
        String value = postgresVersion.trim();
        if (!value.contains(".")) {
            return OFFICIAL_IMAGE + ":" + value;
        }
        String[] parts = version.split("\\.");
        return OFFICIAL_IMAGE + ":" + parts[0] + "." + parts[1];
    }

    /** Whether a Docker daemon answers; Testcontainers' own check, which never throws. */
    public static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    /**
     * Starts a container of {@code image}.
     *
     * @throws DbGuardException when no Docker daemon answers (naming the embedded alternative) or the container
     *                          does not start
     */
    public ThrowawayPostgres start(String image, RunListener listener) {
        DockerImageName name;
        try {
            name = DockerImageName.parse(image).asCompatibleSubstituteFor(OFFICIAL_IMAGE);
        } catch (IllegalArgumentException e) {
            throw new DbGuardException("image '" + image + "' is not a valid Docker image name: " + e.getMessage()
                    + "; use e.g. postgres:17 or postgis/postgis:17-3.5");
        }
        if (!dockerAvailable()) {
            throw new DbGuardException("provider docker needs a running Docker daemon, and none answers (checked "
                    + "DOCKER_HOST, the Docker socket and Testcontainers' settings). Start Docker, or use provider "
                    + "embedded (the default, -Ddbguard.provider=embedded), which needs no Docker");
        }
        String password = randomPassword();
        Secrets secrets = new Secrets(password);
        listener.progress("starting PostgreSQL container " + name.asCanonicalNameString());
        @SuppressWarnings("resource") // closed by ContainerInstance
        PostgreSQLContainer<?> container = new PostgreSQLContainer<>(name)
                .withDatabaseName(DATABASE)
                .withUsername(USER)
                .withPassword(password);
        try {
            container.start();
        } catch (RuntimeException e) {
            try {
                container.stop();
            } catch (RuntimeException ignored) {
                // it never ran
            }
            throw new DbGuardException("the PostgreSQL container of image " + name.asCanonicalNameString()
                    + " did not start: " + secrets.scrub(rootMessage(e)) + " (an image compatible with the official "
                    + "postgres image is needed: the same POSTGRES_USER/POSTGRES_PASSWORD/POSTGRES_DB environment)");
        }
        ContainerInstance running = new ContainerInstance(container, password, secrets);
        try {
            running.readVersion();
        } catch (SQLException e) {
            running.close();
            throw new DbGuardException("the PostgreSQL container of image " + name.asCanonicalNameString()
                    + " started but refused a connection: " + secrets.scrub(e.getMessage()));
        }
        return running;
    }

    private static String randomPassword() {
        byte[] bytes = new byte[16];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return root == e ? message : e.getMessage() + ": " + message;
    }

    private static final class ContainerInstance implements ThrowawayPostgres {
        private final PostgreSQLContainer<?> container;
        private final String password;
        private final Secrets secrets;
        private final AtomicBoolean closed = new AtomicBoolean();
        private final Thread shutdownHook;
        private String serverVersion;

        ContainerInstance(PostgreSQLContainer<?> container, String password, Secrets secrets) {
            this.container = container;
            this.password = password;
            this.secrets = secrets;
            this.shutdownHook = new Thread(() -> {
                try {
                    stop();
                } catch (LinkageError e) {
                    // Maven closed the plugin's class realm before the hooks ran: Ryuk removes the container
                }
            }, "db-guard-container-shutdown");
            Runtime.getRuntime().addShutdownHook(shutdownHook);
        }

        void readVersion() throws SQLException {
            try (Connection c = connectAsAdmin(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SHOW server_version")) {
                rs.next();
                serverVersion = rs.getString(1).split(" ")[0];
            }
        }

        @Override
        public String jdbcUrl() {
            return "jdbc:postgresql://" + container.getHost() + ":"
                    + container.getMappedPort(PostgreSQLContainer.POSTGRESQL_PORT) + "/" + DATABASE;
        }

        @Override
        public String adminUser() {
            return USER;
        }

        @Override
        public Connection connectAsAdmin() throws SQLException {
            return connect(USER, password);
        }

        @Override
        public ThrowawayPostgres sibling() {
            return new JdbcDatabaseProvider("jdbc:postgresql://" + container.getHost() + ":"
                    + container.getMappedPort(PostgreSQLContainer.POSTGRESQL_PORT) + "/postgres", USER, password)
                    .create();
        }

        @Override
        public Connection connect(String user, String userPassword) throws SQLException {
            Properties props = new Properties();
            props.setProperty("user", user);
            if (userPassword != null) {
                props.setProperty("password", userPassword);
            }
            props.setProperty("ApplicationName", "db-guard");
            try {
                return DriverManager.getConnection(jdbcUrl(), props);
            } catch (SQLException e) {
                throw new Secrets(password, userPassword).scrub(e);
            }
        }

        @Override
        public String serverVersion() {
            return serverVersion;
        }

        @Override
        public ConnectionInfo connectionInfo() {
            return ConnectionInfo.of(jdbcUrl(), USER, password);
        }

        @Override
        public void close() {
            stop();
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException e) {
                // the JVM is already shutting down: the hook runs stop() itself
            }
        }

        private void stop() {
            if (closed.compareAndSet(false, true)) {
                try {
                    container.stop();
                } catch (RuntimeException e) {
                    // Ryuk removes the container when this JVM ends
                    System.err.println("db-guard: could not stop the PostgreSQL container: " + secrets.scrub(e.getMessage()));
                }
            }
        }
    }
}
