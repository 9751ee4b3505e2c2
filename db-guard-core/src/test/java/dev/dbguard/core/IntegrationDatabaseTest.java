package dev.dbguard.core;

import dev.dbguard.core.api.DbGuardException;
import dev.dbguard.core.api.GuardConfig;
import dev.dbguard.core.api.RunListener;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dbguard.core.postgres.ConnectionInfo;
import dev.dbguard.core.postgres.EmbeddedPostgresProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** start/stop on the embedded provider: the database outlives the run, and nothing outlives close or a failure. */
class IntegrationDatabaseTest {

    private static GuardConfig config(Path dir, String... scripts) throws Exception {
        Path migrations = Files.createDirectories(dir.resolve("migrations"));
        for (int i = 0; i < scripts.length; i++) {
            Files.writeString(migrations.resolve("V" + (i + 1) + "__m.sql"), scripts[i]);
        }
        return GuardConfig.builder().migration(migrations).reportDirectory(dir.resolve("report")).build();
    }

    private static long instances(Path root) throws Exception {
        if (!Files.isDirectory(root)) {
            return 0;
        }
        try (Stream<Path> dirs = Files.list(root)) {
            return dirs.count();
        }
    }

    @Test
    void keepsTheMigratedDatabaseRunningUntilClosed(@TempDir Path dir) throws Exception {
        Path root = dir.resolve("instances");
        GuardConfig config = config(dir, "CREATE TABLE tenants (id uuid PRIMARY KEY);\n"
                + "INSERT INTO tenants VALUES ('00000000-0000-0000-0000-000000000001');\n");
        IntegrationDatabase kept = IntegrationDatabase.start((c, l) -> new EmbeddedPostgresProvider(root)
                .start(c.postgresVersion(), c.postgresBinaries(), l), config, RunListener.SILENT);
        ConnectionInfo info = kept.connection();
        try {
            assertThat(kept.result().migrations()).hasSize(1);
            assertThat(info.url()).isEqualTo("jdbc:postgresql://localhost:" + info.port() + "/db_guard");
            assertThat(info.username()).isEqualTo("postgres");
            assertThat(info.password()).isNull();
            try (Connection c = DriverManager.getConnection(info.url(), info.username(), null);
                 Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT (SELECT count(*) FROM tenants), (SELECT count(*) FROM "
                         + "pg_event_trigger), to_regnamespace('db_guard_journal') IS NULL")) {
                rs.next();
                assertThat(rs.getInt(1)).as("the migration's own row").isEqualTo(1);
                assertThat(rs.getInt(2)).as("journal event triggers").isZero();
                assertThat(rs.getBoolean(3)).as("journal schema gone").isTrue();
            }
        } finally {
            kept.close();
        }
        assertThat(instances(root)).isZero();
        assertThatThrownBy(() -> DriverManager.getConnection(info.url(), info.username(), null).close())
                .isInstanceOf(java.sql.SQLException.class);
    }

    @Test
    void aFailedRunLeavesNoServerBehind(@TempDir Path dir) throws Exception {
        Path root = dir.resolve("instances");
        GuardConfig config = config(dir, "CREATE TABLE t (id int);\n", "ALTER TABLE t ADD COLUMN x no_such_type;\n");
        assertThatThrownBy(() -> IntegrationDatabase.start((c, l) -> new EmbeddedPostgresProvider(root)
                .start(c.postgresVersion(), c.postgresBinaries(), l), config, RunListener.SILENT))
                .isInstanceOf(DbGuardException.class)
                .hasMessageContaining("V2__m.sql");
        assertThat(instances(root)).isZero();
    }
}
