package dev.dbguard.core.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dbguard.core.DbGuard;
import dev.dbguard.core.api.DbGuardException;
import dev.dbguard.core.api.GuardConfig;
import dev.dbguard.core.api.RunListener;
import dev.dbguard.core.report.AnalysisResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIf;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;

/**
 * Provider docker. The container tests need a Docker daemon and are skipped, with that reason, where none
 * answers; the test of the failure message runs exactly there.
 */
class DockerPostgresProviderTest {

    static boolean dockerAvailable() {
        return DockerPostgresProvider.dockerAvailable();
    }

    @Test
    void theDefaultImageIsTheOfficialImageOfPostgresVersion() {
        assertThat(DockerPostgresProvider.defaultImage("17")).isEqualTo("postgres:17");
        assertThat(DockerPostgresProvider.defaultImage("14")).isEqualTo("postgres:14");
        assertThat(DockerPostgresProvider.defaultImage("16.6.0")).isEqualTo("postgres:16.6");
        assertThatThrownBy(() -> DockerPostgresProvider.defaultImage("9.6")).isInstanceOf(DbGuardException.class);
    }

    @Test
    @DisabledIf(value = "dockerAvailable", disabledReason = "a Docker daemon answers here: the message for its absence cannot be seen")
    void withoutDockerTheRunFailsSayingSoAndNamingTheEmbeddedProvider() {
        assertThatThrownBy(() -> new DockerPostgresProvider().start("postgres:17", RunListener.SILENT))
                .isInstanceOf(DbGuardException.class)
                .hasMessageContaining("needs a running Docker daemon")
                .hasMessageContaining("provider embedded");
    }

    @Test
    @EnabledIf(value = "dockerAvailable", disabledReason = "no Docker daemon answers on this machine (DOCKER_HOST, the Docker socket): provider docker cannot be run here")
    void runsTheMigrationsInAContainerOfTheOfficialImage(@TempDir Path dir) throws Exception {
        Path migrations = Files.createDirectories(dir.resolve("migrations"));
        Files.writeString(migrations.resolve("V1__init.sql"), "CREATE TABLE tenants (id uuid PRIMARY KEY);\n"
                + "CREATE TABLE notes (id int PRIMARY KEY, tenant_id uuid NOT NULL REFERENCES tenants (id));\n");
        Path init = Files.writeString(dir.resolve("init.sql"), "CREATE EXTENSION IF NOT EXISTS pgcrypto;\n");
        GuardConfig config = GuardConfig.builder().migration(migrations).postgresVersion("16")
                .reportDirectory(dir.resolve("report")).build();
        AnalysisResult result = new DbGuard(DatabaseProvisioner.docker(null).withInitScripts(List.of(init)))
                .run(config, RunListener.SILENT);
        assertThat(result.postgresVersion()).startsWith("16.");
        assertThat(result.findings()).anyMatch(f -> f.rule().equals("rls-disabled"));
    }

    @Test
    @EnabledIf(value = "dockerAvailable", disabledReason = "no Docker daemon answers on this machine (DOCKER_HOST, the Docker socket): provider docker cannot be run here")
    void acceptsACompatibleImageAndStopsTheContainerOnClose() throws Exception {
        ThrowawayPostgres pg = new DockerPostgresProvider().start("postgres:17-alpine", RunListener.SILENT);
        ConnectionInfo info;
        try (pg) {
            info = pg.connectionInfo();
            try (Connection c = pg.connectAsAdmin(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT current_database()")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("db_guard");
            }
        }
        assertThatThrownBy(() -> java.sql.DriverManager.getConnection(info.url(), info.username(), info.password()).close())
                .isInstanceOf(java.sql.SQLException.class);
    }
}
