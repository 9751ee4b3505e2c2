package dev.dbguard.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dbguard.core.api.GuardConfig;
import dev.dbguard.core.IntegrationDatabase;
import dev.dbguard.core.api.RunListener;
import dev.dbguard.core.postgres.DatabaseProvisioner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What start leaves in a project and stop takes away again, on a real embedded PostgreSQL. */
class StartedDatabaseTest {

    @Test
    void exportsTheConnectionPerProjectAndStopPutsThePropertiesBack(@TempDir Path dir) throws Exception {
        Path migrations = Files.createDirectories(dir.resolve("migrations"));
        Files.writeString(migrations.resolve("V1__t.sql"), "CREATE TABLE t (id int PRIMARY KEY);\n");
        GuardConfig config = GuardConfig.builder().migration(migrations).reportDirectory(dir.resolve("r")).build();
        MavenProject project = new MavenProject();
        MavenProject other = new MavenProject();
        project.getProperties().setProperty(StartedDatabase.URL, "set-by-the-user");

        StartedDatabase started = StartedDatabase.register(project,
                IntegrationDatabase.start(DatabaseProvisioner.embedded(), config, RunListener.SILENT));

        String url = project.getProperties().getProperty(StartedDatabase.URL);
        assertThat(url).matches("jdbc:postgresql://localhost:\\d+/db_guard");
        assertThat(project.getProperties().getProperty(StartedDatabase.PORT)).isEqualTo(url.replaceAll(".*:(\\d+)/.*", "$1"));
        assertThat(project.getProperties().getProperty(StartedDatabase.USERNAME)).isEqualTo("postgres");
        assertThat(project.getProperties().getProperty(StartedDatabase.PASSWORD)).isEmpty();
        assertThat(StartedDatabase.of(project)).isSameAs(started);
        assertThat(StartedDatabase.of(other)).as("another module sees nothing of it").isNull();
        try (Connection c = DriverManager.getConnection(url, "postgres", null)) {
            assertThat(c.isValid(2)).isTrue();
        }

        started.stop(project);

        assertThat(StartedDatabase.of(project)).isNull();
        assertThat(project.getProperties().getProperty(StartedDatabase.URL)).isEqualTo("set-by-the-user");
        assertThat(project.getProperties()).doesNotContainKeys(StartedDatabase.USERNAME, StartedDatabase.PASSWORD,
                StartedDatabase.PORT);
        assertThatThrownBy(() -> DriverManager.getConnection(url, "postgres", null).close())
                .isInstanceOf(SQLException.class);
    }
}
