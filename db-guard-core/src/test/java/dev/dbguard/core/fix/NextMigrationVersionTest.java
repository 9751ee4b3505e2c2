package dev.dbguard.core.fix;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NextMigrationVersionTest {

    private static final Instant NOW = Instant.parse("2025-03-04T05:06:07.890Z");

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            // integers count on, by value, keeping zero padding
            "1 2 5            | 6",
            "9 10 2           | 11",
            "001 002 009      | 010",
            // dotted: the last part of the highest version, with the separator as written
            "1.1 1.2.3 1.2    | 1.2.4",
            "2_1 1_9          | 2_2",
            "1 2 2.1          | 2.2",
            "1.9 1.10         | 1.11",
            // timestamps: the current time in the same pattern
            "20240101120000 20240102093000 | 20250304050607",
            "202401011200     | 202503040506",
            "20240101         | 20250304",
            // a timestamp later than the clock: one more
            "20990101120000   | 20990101120001",
            // a long number that is no date is an integer
            "20241399000000   | 20241399000001",
            "                 | 1",
    })
    void nextVersionKeepsTheProjectsStyle(String versions, String expected) {
        List<String> existing = versions == null ? List.of() : List.of(versions.trim().split("\\s+"));
        assertThat(NextMigrationVersion.after(existing, NOW)).isEqualTo(expected);
    }

    @Test
    void versionsAreReadFromVersionedAndUndoScriptsInSubFolders(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("sub"));
        for (String name : List.of("V1__init.sql", "sub/V2_1__more.sql", "U2_1__more.sql", "U7__undo_only.sql",
                "R__views.sql", "README.md", "V3_notes.txt", "B5__baseline.sql")) {
            Files.writeString(dir.resolve(name), "SELECT 1;");
        }
        List<String> versions = NextMigrationVersion.versionsIn(List.of(dir, dir.resolve("missing")), "V", "U");
        assertThat(versions).containsExactlyInAnyOrder("1", "2_1", "2_1", "7");
        assertThat(NextMigrationVersion.after(versions, NOW)).isEqualTo("8");
    }
}
