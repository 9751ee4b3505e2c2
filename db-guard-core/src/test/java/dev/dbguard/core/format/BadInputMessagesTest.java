package dev.dbguard.core.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dbguard.core.DbGuard;
import dev.dbguard.core.api.DbGuardException;
import dev.dbguard.core.api.GuardConfig;
import dev.dbguard.core.api.RunListener;
import dev.dbguard.core.api.MigrationFormat;
import dev.dbguard.core.api.MigrationSettings;
import dev.dbguard.core.testing.SharedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/** Migrations a user gets wrong: each message names the guilty file and says what to do. */
class BadInputMessagesTest {

    @TempDir
    Path dir;

    private static GuardConfig config(Path migrations, MigrationFormat format) {
        return GuardConfig.builder().migration(migrations).rehearse(false)
                .migrationSettings(new MigrationSettings(format, List.of(), List.of(), java.util.Map.of(), null, null,
                        null, null, null, null, null, null, null, java.util.Map.of()))
                .build();
    }

    private Path migrations(String... nameAndText) throws IOException {
        Path folder = Files.createDirectories(dir.resolve("migration"));
        for (int i = 0; i < nameAndText.length; i += 2) {
            Files.writeString(folder.resolve(nameAndText[i]), nameAndText[i + 1]);
        }
        return folder;
    }

    private static final class Warnings implements RunListener {
        final List<String> seen = new ArrayList<>();

        @Override
        public void progress(String message) {
        }

        @Override
        public void warning(String message) {
            seen.add(message);
        }
    }

    @ParameterizedTest
    @EnumSource(value = MigrationFormat.class, names = {"PLAIN", "FLYWAY"})
    void anEmptyMigrationIsAWarningNamingIt(MigrationFormat format) throws IOException {
        Path folder = migrations("V1__tenants.sql", "CREATE TABLE tenants (id uuid PRIMARY KEY);\n",
                "V2__notes.sql", "", "V3__later.sql", "-- to be written\n",
                "V4__more.sql", "CREATE TABLE labels (id uuid PRIMARY KEY);\n");
        Warnings listener = new Warnings();
        new DbGuard(SharedPostgres.scratchDatabases()).run(config(folder, format), listener);
        assertThat(listener.seen).filteredOn(w -> w.contains("holds no SQL statement")).hasSize(2)
                .anySatisfy(w -> assertThat(w).startsWith("V2__notes.sql "))
                .anySatisfy(w -> assertThat(w).startsWith("V3__later.sql "));
    }

    @Test
    void flywaysRefusalOfMixedStatementsNamesTheFile() throws IOException {
        Path folder = migrations("V1__tenants.sql", "CREATE TABLE tenants (id uuid PRIMARY KEY);\n",
                "V2__notes.sql", "CREATE TABLE notes (id uuid PRIMARY KEY, body text);\n\n"
                        + "CREATE INDEX CONCURRENTLY notes_body_idx ON notes (body);\n");
        assertThatThrownBy(() -> new DbGuard(SharedPostgres.scratchDatabases())
                .run(config(folder, MigrationFormat.FLYWAY), RunListener.SILENT))
                .isInstanceOf(DbGuardException.class)
                .hasMessageStartingWith("V2__notes.sql: Flyway refused this migration")
                .hasMessageContaining("line 3")
                .hasMessageContaining("<mixed>true</mixed>");
    }

    @Test
    void aConcurrentIndexWaitingOnFlywaysLockSaysSoInsteadOfHanging() throws IOException {
        Path folder = migrations("V1__tenants.sql", "CREATE TABLE notes (id uuid PRIMARY KEY, body text);\n",
                "V2__notes.sql", "CREATE INDEX CONCURRENTLY notes_body_idx ON notes (body);\n");
        assertThatThrownBy(() -> new DbGuard(SharedPostgres.scratchDatabases())
                .run(config(folder, MigrationFormat.FLYWAY), RunListener.SILENT))
                .isInstanceOf(DbGuardException.class)
                .hasMessageStartingWith("V2__notes.sql:1")
                .hasMessageContaining("55P03")
                .hasMessageContaining("Flyway's own transactional lock")
                .hasMessageContaining("postgresql.transactional.lock=false");
    }
}
