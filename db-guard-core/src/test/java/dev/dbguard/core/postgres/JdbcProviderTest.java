package dev.dbguard.core.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dbguard.core.DbGuard;
import dev.dbguard.core.api.DbGuardException;
import dev.dbguard.core.api.GuardConfig;
import dev.dbguard.core.IntegrationDatabase;
import dev.dbguard.core.api.RunListener;
import dev.dbguard.core.report.AnalysisResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Provider jdbc against a real server db-guard did not provision for the run: an embedded PostgreSQL started
 * here, switched to password authentication, with a database of someone else's tables as the url.
 */
class JdbcProviderTest {

    private static final String ADMIN = "guard_admin";
    private static final String PASSWORD = "Pa55-w0rd-nobody-may-see";

    @TempDir
    static Path root;
    private static ThrowawayPostgres server;
    private static String serverUrl;

    @BeforeAll
    static void startServerWithPasswords() throws Exception {
        server = new EmbeddedPostgresProvider(root).start("17", null, RunListener.SILENT);
        try (Connection c = server.connectAsAdmin(); Statement s = c.createStatement()) {
            s.execute("CREATE ROLE " + ADMIN + " LOGIN SUPERUSER PASSWORD '" + PASSWORD + "'");
            s.execute("ALTER ROLE postgres PASSWORD '" + PASSWORD + "'");
            s.execute("CREATE DATABASE app_data");
            Path hba;
            try (Stream<Path> files = Files.walk(root)) {
                hba = files.filter(p -> p.getFileName().toString().equals("pg_hba.conf")).findFirst().orElseThrow();
            }
            Files.writeString(hba, """
                    local all all scram-sha-256
                    host all all 127.0.0.1/32 scram-sha-256
                    host all all ::1/128 scram-sha-256
                    """);
            s.execute("SELECT pg_reload_conf()");
        }
        serverUrl = server.jdbcUrl().substring(0, server.jdbcUrl().lastIndexOf('/') + 1);
        try (Connection c = connect("app_data", ADMIN, PASSWORD); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE customers (id int PRIMARY KEY, name text NOT NULL)");
            s.execute("INSERT INTO customers VALUES (1, 'Acme'), (2, 'Globex')");
        }
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    private static Connection connect(String database, String user, String password) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", user);
        props.setProperty("password", password);
        return DriverManager.getConnection(serverUrl + database, props);
    }

    private static Path migrations(Path dir, String... scripts) throws Exception {
        Path migrations = Files.createDirectories(dir.resolve("db/migration"));
        for (int i = 0; i < scripts.length; i++) {
            Files.writeString(migrations.resolve("V" + (i + 1) + "__m" + (i + 1) + ".sql"), scripts[i]);
        }
        return migrations;
    }

    private static GuardConfig config(Path dir, Path migrations) {
        return GuardConfig.builder().migration(migrations).reportDirectory(dir.resolve("report")).build();
    }

    private static Set<String> databases() throws SQLException {
        return strings("SELECT datname FROM pg_database");
    }

    private static Set<String> roles() throws SQLException {
        return strings("SELECT rolname FROM pg_roles");
    }

    private static Set<String> strings(String query) throws SQLException {
        Set<String> values = new TreeSet<>();
        try (Connection c = connect("postgres", ADMIN, PASSWORD); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(query)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }

    /** Everything in app_data a run could have touched: its tables, their rows, schemas, event triggers. */
    private static List<String> appDataContents() throws SQLException {
        List<String> contents = new ArrayList<>();
        try (Connection c = connect("app_data", ADMIN, PASSWORD); Statement s = c.createStatement()) {
            for (String query : List.of(
                    "SELECT schemaname || '.' || tablename FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1",
                    "SELECT nspname FROM pg_namespace ORDER BY 1",
                    "SELECT evtname FROM pg_event_trigger ORDER BY 1",
                    "SELECT id || ':' || name FROM customers ORDER BY id")) {
                try (ResultSet rs = s.executeQuery(query)) {
                    while (rs.next()) {
                        contents.add(rs.getString(1));
                    }
                }
            }
        }
        return contents;
    }

    private static final class Recording implements RunListener {
        final List<String> lines = new CopyOnWriteArrayList<>();

        @Override
        public void progress(String message) {
            lines.add(message);
        }

        @Override
        public void warning(String message) {
            lines.add(message);
        }
    }

    @Test
    void runsInAScratchDatabaseThatIsGoneAfterwardsAndLeavesTheUrlsDatabaseUnchanged(@TempDir Path dir)
            throws Exception {
        Path migrations = migrations(dir, """
                CREATE ROLE scratch_app LOGIN PASSWORD 'app';
                CREATE TABLE tenants (id uuid PRIMARY KEY);
                CREATE TABLE orders (id bigint PRIMARY KEY, tenant_id uuid NOT NULL REFERENCES tenants (id));
                GRANT SELECT ON orders TO scratch_app;
                """);
        Set<String> databasesBefore = databases();
        Set<String> rolesBefore = roles();
        List<String> appDataBefore = appDataContents();
        Recording listener = new Recording();

        AnalysisResult result = new DbGuard(DatabaseProvisioner.jdbc(serverUrl + "app_data", ADMIN, PASSWORD))
                .run(config(dir, migrations), listener);

        assertThat(result.postgresVersion()).startsWith("17.");
        assertThat(result.findings()).anyMatch(f -> f.rule().equals("rls-disabled") && "public.orders".equals(f.table()));
        assertThat(listener.lines).anyMatch(l -> l.startsWith("created scratch database db_guard_"));
        assertThat(databases()).isEqualTo(databasesBefore);
        assertThat(roles()).as("the migrations' role is dropped").isEqualTo(rolesBefore);
        assertThat(appDataContents()).isEqualTo(appDataBefore);
        assertThat(listener.lines).noneMatch(l -> l.contains(PASSWORD));
    }

    @Test
    void aFailingMigrationStillDropsTheDatabaseAndItsRoles(@TempDir Path dir) throws Exception {
        Path migrations = migrations(dir, """
                CREATE ROLE doomed_app LOGIN;
                CREATE TABLE t (id int PRIMARY KEY);
                """, """
                ALTER TABLE t ADD COLUMN broken no_such_type;
                """);
        Set<String> databasesBefore = databases();
        Set<String> rolesBefore = roles();

        assertThatThrownBy(() -> new DbGuard(DatabaseProvisioner.jdbc(serverUrl + "postgres", ADMIN, PASSWORD))
                .run(config(dir, migrations), RunListener.SILENT))
                .isInstanceOf(DbGuardException.class)
                .hasMessageContaining("V2__m2.sql")
                .hasMessageNotContaining(PASSWORD);
        assertThat(databases()).isEqualTo(databasesBefore);
        assertThat(roles()).isEqualTo(rolesBefore);
    }

    @Test
    void aRoleThatAppearedMeanwhileButOwnsSomethingElsewhereIsLeftInPlace() throws Exception {
        Recording listener = new Recording();
        ThrowawayPostgres scratch = new JdbcDatabaseProvider(serverUrl + "postgres", ADMIN, PASSWORD).create(listener);
        try (Connection c = connect("postgres", ADMIN, PASSWORD); Statement s = c.createStatement()) {
            // another client on the same server, during the run: a role owning a database of its own
            s.execute("CREATE ROLE other_team");
            s.execute("CREATE DATABASE other_team_db OWNER other_team");
        }
        try (Connection c = scratch.connectAsAdmin(); Statement s = c.createStatement()) {
            s.execute("CREATE ROLE created_by_run");
            s.execute("CREATE TABLE owned (id int)");
            s.execute("ALTER TABLE owned OWNER TO created_by_run");
        }
        scratch.close();
        try {
            assertThat(roles()).contains("other_team").doesNotContain("created_by_run");
            assertThat(listener.lines).anyMatch(l -> l.contains("role other_team") && l.contains("leaves it in place"));
        } finally {
            try (Connection c = connect("postgres", ADMIN, PASSWORD); Statement s = c.createStatement()) {
                s.execute("DROP DATABASE other_team_db");
                s.execute("DROP ROLE other_team");
            }
        }
    }

    @Test
    void thePasswordAppearsInNoMessage() throws Exception {
        // wrong password, given both ways: as the password and inside the URL
        String wrong = "wr0ng-" + PASSWORD;
        assertThatThrownBy(() -> new JdbcDatabaseProvider(serverUrl + "postgres?password=" + wrong, ADMIN, wrong)
                .create())
                .isInstanceOf(DbGuardException.class)
                .hasMessageContaining("password authentication failed")
                .hasMessageContaining(serverUrl + "postgres as guard_admin")
                .hasMessageNotContaining(wrong);
        // a role that may not create event triggers
        try (Connection c = connect("postgres", ADMIN, PASSWORD); Statement s = c.createStatement()) {
            s.execute("CREATE ROLE plain_user LOGIN CREATEDB PASSWORD '" + PASSWORD + "'");
        }
        try {
            assertThatThrownBy(() -> new JdbcDatabaseProvider(serverUrl + "postgres", "plain_user", PASSWORD).create())
                    .isInstanceOf(DbGuardException.class)
                    .hasMessageContaining("plain_user")
                    .hasMessageContaining("not a superuser")
                    .hasMessageContaining("provider embedded")
                    .hasMessageNotContaining(PASSWORD);
        } finally {
            try (Connection c = connect("postgres", ADMIN, PASSWORD); Statement s = c.createStatement()) {
                s.execute("DROP ROLE plain_user");
            }
        }
        // a server that does not answer
        assertThatThrownBy(() -> new JdbcDatabaseProvider("jdbc:postgresql://127.0.0.1:1/postgres?password="
                + PASSWORD + "&connectTimeout=2", ADMIN, PASSWORD).create())
                .isInstanceOf(DbGuardException.class)
                .hasMessageNotContaining(PASSWORD);
        // and a URL that names no database
        assertThatThrownBy(() -> new JdbcDatabaseProvider("jdbc:postgresql://127.0.0.1:1/?password=" + PASSWORD,
                ADMIN, PASSWORD))
                .isInstanceOf(DbGuardException.class)
                .hasMessageContaining("names no database")
                .hasMessageNotContaining(PASSWORD);
    }

    @Test
    void keepsTheMigratedDatabaseForIntegrationTestsWithoutTheJournal(@TempDir Path dir) throws Exception {
        Path migrations = migrations(dir, """
                CREATE TABLE tenants (id uuid PRIMARY KEY);
                CREATE TABLE notes (id bigint PRIMARY KEY, body text);
                """);
        Set<String> databasesBefore = databases();
        IntegrationDatabase kept = IntegrationDatabase.start(
                DatabaseProvisioner.jdbc(serverUrl + "app_data", ADMIN, PASSWORD), config(dir, migrations),
                RunListener.SILENT);
        ConnectionInfo info = kept.connection();
        try {
            assertThat(info.database()).startsWith(JdbcDatabaseProvider.DATABASE_PREFIX);
            assertThat(info.url()).isEqualTo(serverUrl + info.database());
            assertThat(info.username()).isEqualTo(ADMIN);
            assertThat(info.password()).isEqualTo(PASSWORD);
            assertThat(info.toString()).doesNotContain(PASSWORD);
            try (Connection c = connect(info.database(), info.username(), info.password());
                 Statement s = c.createStatement()) {
                try (ResultSet rs = s.executeQuery("SELECT count(*) FROM notes")) {
                    rs.next();
                    assertThat(rs.getInt(1)).isZero();
                }
                try (ResultSet rs = s.executeQuery("SELECT (SELECT count(*) FROM pg_event_trigger), "
                        + "(SELECT count(*) FROM pg_namespace WHERE nspname = 'db_guard_journal')")) {
                    rs.next();
                    assertThat(rs.getInt(1)).as("event triggers").isZero();
                    assertThat(rs.getInt(2)).as("journal schema").isZero();
                }
            }
        } finally {
            kept.close();
        }
        assertThat(databases()).isEqualTo(databasesBefore).doesNotContain(info.database());
    }

    @Test
    void theScratchDatabaseOfAKilledBuildOnThisMachineIsDroppedByTheNextRun() throws Exception {
        Process dead = new ProcessBuilder("true").start();
        dead.waitFor();
        JdbcDatabaseProvider.OwnerComment self = JdbcDatabaseProvider.OwnerComment.ofThisJvm();
        String killed = "db_guard_00000000000dead1";
        String live = "db_guard_00000000000a11e1";
        String elsewhere = "db_guard_00000000000e15e1";
        try (Connection c = connect("postgres", ADMIN, PASSWORD); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + killed);
            s.execute("COMMENT ON DATABASE " + killed + " IS '" + new JdbcDatabaseProvider.OwnerComment(
                    self.host(), dead.pid(), "").text() + "'");
            s.execute("CREATE DATABASE " + live);
            s.execute("COMMENT ON DATABASE " + live + " IS '" + self.text() + "'");
            s.execute("CREATE DATABASE " + elsewhere);
            s.execute("COMMENT ON DATABASE " + elsewhere + " IS '" + new JdbcDatabaseProvider.OwnerComment(
                    "another-machine", dead.pid(), "").text() + "'");
        }
        Recording listener = new Recording();
        try {
            new JdbcDatabaseProvider(serverUrl + "postgres", ADMIN, PASSWORD).create(listener).close();
            assertThat(databases()).doesNotContain(killed).contains(live, elsewhere);
            assertThat(listener.lines).anyMatch(l -> l.contains("dropped scratch database " + killed));
        } finally {
            try (Connection c = connect("postgres", ADMIN, PASSWORD); Statement s = c.createStatement()) {
                for (String name : List.of(killed, live, elsewhere)) {
                    s.execute("DROP DATABASE IF EXISTS " + name);
                }
            }
        }
    }
}
