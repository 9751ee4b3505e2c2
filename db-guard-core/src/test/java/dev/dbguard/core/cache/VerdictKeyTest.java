package dev.dbguard.core.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbguard.core.api.GuardConfig;
import dev.dbguard.core.api.FailThreshold;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the key of a cached verdict covers, and what it leaves out. */
class VerdictKeyTest {

    @TempDir
    Path temp;

    @Test
    void theKeyChangesWithEveryInputOfTheVerdict() throws IOException {
        Path migrations = Files.createDirectories(temp.resolve("migrations"));
        Path v1 = Files.writeString(migrations.resolve("V1__init.sql"), "CREATE TABLE t (id int);\n");
        Path fixtures = Files.createDirectories(temp.resolve("fixtures"));
        Path fixture = Files.writeString(fixtures.resolve("rows.sql"), "INSERT INTO t VALUES (1);\n");
        Path init = Files.writeString(temp.resolve("init.sql"), "CREATE EXTENSION citext;\n");
        GuardConfig config = GuardConfig.builder().migration(migrations).fixtures(List.of(fixtures)).build();
        String key = VerdictKey.embedded(config, List.of(init));

        // the same inputs, the same key; what only decides what happens with the verdict is left out
        assertThat(VerdictKey.embedded(config, List.of(init))).isEqualTo(key);
        assertThat(VerdictKey.embedded(config.toBuilder().failOnSeverity(FailThreshold.NEVER)
                .reportDirectory(temp.resolve("elsewhere")).build(), List.of(init))).isEqualTo(key);

        // settings, the PostgreSQL binaries, the init scripts
        assertThat(VerdictKey.embedded(config.toBuilder().rule("rls-disabled", "off").build(), List.of(init)))
                .isNotEqualTo(key);
        assertThat(VerdictKey.embedded(config.toBuilder().postgresVersion("16").build(), List.of(init)))
                .isNotEqualTo(key);
        assertThat(VerdictKey.embedded(config, List.of())).isNotEqualTo(key);
        Files.writeString(init, "CREATE EXTENSION pgcrypto;\n");
        assertThat(VerdictKey.embedded(config, List.of(init))).isNotEqualTo(key);
        Files.writeString(init, "CREATE EXTENSION citext;\n");
        assertThat(VerdictKey.embedded(config, List.of(init))).isEqualTo(key);

        // the contents of a folder a setting names
        Files.writeString(fixture, "INSERT INTO t VALUES (2);\n");
        assertThat(VerdictKey.embedded(config, List.of(init))).isNotEqualTo(key);
        Files.writeString(fixture, "INSERT INTO t VALUES (1);\n");

        // the migrations: contents, one added, their order
        Files.writeString(v1, "CREATE TABLE t (id bigint);\n");
        assertThat(VerdictKey.embedded(config, List.of(init))).isNotEqualTo(key);
        Files.writeString(v1, "CREATE TABLE t (id int);\n");
        assertThat(VerdictKey.embedded(config, List.of(init))).isEqualTo(key);
        Path v2 = Files.writeString(migrations.resolve("V2__more.sql"), "CREATE TABLE u (id int);\n");
        String added = VerdictKey.embedded(config, List.of(init));
        assertThat(added).isNotEqualTo(key);
        Files.move(v2, migrations.resolve("V0__more.sql"));
        assertThat(VerdictKey.embedded(config, List.of(init))).isNotEqualTo(added).isNotEqualTo(key);
    }
}
