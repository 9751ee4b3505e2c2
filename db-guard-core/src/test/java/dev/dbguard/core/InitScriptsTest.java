package dev.dbguard.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbguard.core.api.GuardConfig;
import dev.dbguard.core.api.MigrationFormat;
import dev.dbguard.core.api.MigrationSettings;
import dev.dbguard.core.postgres.DatabaseProvisioner;
import dev.dbguard.core.report.AnalysisResult;
import dev.dbguard.core.testing.RecordedLines;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Init scripts make what production has before the first migration, roles included. The data rehearsal's database is
 * a second database of the same server: it gets the scripts too, without their role statements, which ran once.
 */
class InitScriptsTest {

    @Test
    void rolesAnInitScriptCreatesDoNotStopTheRehearsal(@TempDir Path dir) throws IOException {
        Path init = Files.writeString(dir.resolve("platform.sql"), """
                CREATE ROLE platform_reader NOLOGIN;
                GRANT pg_read_all_data TO platform_reader;
                CREATE SCHEMA platform;
                CREATE TABLE platform.regions (code text PRIMARY KEY);
                """);
        Path migrations = Files.createDirectories(dir.resolve("migrations"));
        Files.writeString(migrations.resolve("V1__notes.sql"), """
                SET lock_timeout = '5s';
                CREATE TABLE notes (id bigint PRIMARY KEY, region text REFERENCES platform.regions (code), body text);
                GRANT SELECT ON notes TO platform_reader;
                """);
        Files.writeString(migrations.resolve("V2__purge.sql"), "SET lock_timeout = '5s';\nDELETE FROM notes;\n");
        GuardConfig config = GuardConfig.builder().migration(migrations)
                .migrationSettings(MigrationSettings.DEFAULTS.withFormat(MigrationFormat.PLAIN)).build();
        RecordedLines lines = new RecordedLines();
        AnalysisResult result = new DbGuard(DatabaseProvisioner.embedded().withInitScripts(List.of(init)))
                .run(config, lines);

        assertThat(lines.warnings).noneMatch(w -> w.startsWith("data rehearsal stopped"));
        assertThat(lines.progress).contains("rehearsing V2__purge.sql with rows in its tables");
        // the rehearsal saw V2 empty the table it had filled: it ran in full, init scripts and all
        assertThat(result.findings()).anyMatch(f -> f.rule().equals("rows-lost"));
    }
}
