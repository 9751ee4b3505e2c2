package dev.dbguard.core.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dbguard.core.api.RunListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrationDiscoveryTest {

    @TempDir
    Path dir;

    private Path touch(String relative) throws IOException {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "SELECT 1;\n");
        return file;
    }

    private static List<String> files(List<Migration> migrations) {
        return migrations.stream().map(Migration::file).toList();
    }

    @Test
    void versionsCompareNumberByNumber() throws IOException {
        touch("db/V1_10__ten.sql");
        touch("db/V1_9__nine.sql");
        touch("db/V2__two.sql");
        touch("db/V1.5__one_and_a_half.sql");
        touch("db/V1__one.sql");
        touch("db/V1.5.1__patch.sql");

        List<Migration> found = MigrationDiscovery.discover(List.of(dir.resolve("db")));

        assertThat(files(found)).containsExactly("V1__one.sql", "V1.5__one_and_a_half.sql", "V1.5.1__patch.sql",
                "V1_9__nine.sql", "V1_10__ten.sql", "V2__two.sql");
        Migration ten = found.get(4);
        assertThat(ten.version()).isEqualTo("1.10");
        assertThat(ten.description()).isEqualTo("ten");
        assertThat(ten.kind()).isEqualTo(Migration.Kind.VERSIONED);
        assertThat(ten.location()).isEqualTo(dir.resolve("db"));
        assertThat(ten.path()).isEqualTo(dir.resolve("db/V1_10__ten.sql"));
        assertThat(found.get(1).description()).isEqualTo("one and a half");
    }

    @Test
    void repeatablesComeAfterVersionedInDescriptionOrder() throws IOException {
        touch("db/R__views.sql");
        touch("db/R__functions.sql");
        touch("db/V2__b.sql");
        touch("db/V1__a.sql");

        List<Migration> found = MigrationDiscovery.discover(List.of(dir.resolve("db")));

        assertThat(files(found)).containsExactly("V1__a.sql", "V2__b.sql", "R__functions.sql", "R__views.sql");
        assertThat(found.get(2).kind()).isEqualTo(Migration.Kind.REPEATABLE);
        assertThat(found.get(2).version()).isNull();
        assertThat(found.get(2).description()).isEqualTo("functions");
    }

    @Test
    void subfoldersCountAndFilesAreRelativeWithSlashes() throws IOException {
        touch("db/2024/V3__c.sql");
        touch("db/V1__a.sql");
        touch("db/old/nested/V2__b.sql");

        List<Migration> found = MigrationDiscovery.discover(List.of(dir.resolve("db")));

        assertThat(files(found)).containsExactly("V1__a.sql", "old/nested/V2__b.sql", "2024/V3__c.sql");
    }

    @Test
    void undoScriptsAndNonSqlFilesAreIgnoredAndOddNamesWarned() throws IOException {
        touch("db/V1__a.sql");
        touch("db/U1__a.sql");
        touch("db/V2__b.sql.bak");
        touch("db/README.md");
        touch("db/V2_single_underscore.sql");
        touch("db/afterMigrate__grants.sql");
        touch("db/B5__baseline.sql");
        List<String> warnings = new ArrayList<>();

        List<Migration> found = MigrationDiscovery.discover(List.of(dir.resolve("db")), collecting(warnings));

        assertThat(files(found)).containsExactly("V1__a.sql");
        assertThat(warnings).hasSize(3);
        assertThat(warnings.get(0)).startsWith("afterMigrate__grants.sql in ").contains("is a Flyway callback script");
        assertThat(warnings.get(1)).startsWith("B5__baseline.sql in ").contains("is a Flyway baseline migration");
        assertThat(warnings.get(2)).startsWith("V2_single_underscore.sql in ").contains("is not a Flyway migration name");
    }

    @Test
    void plainFolderInNaturalOrder() throws IOException {
        touch("db/10_x.sql");
        touch("db/2_x.sql");
        touch("db/1_init.sql");
        touch("db/notes.txt");
        touch("db/002b_y.sql");

        List<Migration> found = MigrationDiscovery.discover(List.of(dir.resolve("db")));

        assertThat(files(found)).containsExactly("1_init.sql", "2_x.sql", "002b_y.sql", "10_x.sql");
        assertThat(found).allSatisfy(m -> {
            assertThat(m.kind()).isEqualTo(Migration.Kind.PLAIN);
            assertThat(m.version()).isNull();
        });
        assertThat(found.get(3).description()).isEqualTo("10_x");
    }

    @Test
    void severalFlywayLocationsAreMerged() throws IOException {
        touch("a/V1__a.sql");
        touch("a/V3__c.sql");
        touch("b/V2__b.sql");
        touch("b/R__r.sql");
        touch("b/V10__j.sql");

        List<Migration> found = MigrationDiscovery.discover(List.of(dir.resolve("a"), dir.resolve("b")));

        assertThat(files(found)).containsExactly("V1__a.sql", "V2__b.sql", "V3__c.sql", "V10__j.sql", "R__r.sql");
        assertThat(found.get(1).location()).isEqualTo(dir.resolve("b"));
    }

    @Test
    void plainLocationsFollowOneAnother() throws IOException {
        touch("a/2_x.sql");
        touch("b/1_y.sql");

        List<Migration> found = MigrationDiscovery.discover(List.of(dir.resolve("a"), dir.resolve("b")));

        assertThat(found).extracting(m -> m.location().getFileName() + "/" + m.file())
                .containsExactly("a/2_x.sql", "b/1_y.sql");
    }

    @Test
    void duplicateVersionNamesBothFiles() throws IOException {
        touch("db/V1__a.sql");
        touch("db/V1.0__b.sql");

        assertThatThrownBy(() -> MigrationDiscovery.discover(List.of(dir.resolve("db"))))
                .isInstanceOf(MigrationException.class)
                .hasMessageContaining("two migrations have version 1")
                .hasMessageContaining("V1__a.sql")
                .hasMessageContaining("V1.0__b.sql");
    }

    @Test
    void duplicateVersionAcrossLocationsNamesBothLocations() throws IOException {
        touch("a/V2__a.sql");
        touch("b/V2__b.sql");

        assertThatThrownBy(() -> MigrationDiscovery.discover(List.of(dir.resolve("a"), dir.resolve("b"))))
                .isInstanceOf(MigrationException.class)
                .hasMessageContaining("V2__a.sql (in " + dir.resolve("a").toAbsolutePath() + ")")
                .hasMessageContaining("V2__b.sql (in " + dir.resolve("b").toAbsolutePath() + ")");
    }

    @Test
    void duplicateRepeatableDescription() throws IOException {
        touch("db/R__views.sql");
        touch("db/sub/R__views.sql");

        assertThatThrownBy(() -> MigrationDiscovery.discover(List.of(dir.resolve("db"))))
                .isInstanceOf(MigrationException.class)
                .hasMessageContaining("two repeatable migrations have the description \"views\"")
                .hasMessageContaining("sub/R__views.sql");
    }

    @Test
    void missingLocationNamesPathAndParameter() {
        Path missing = dir.resolve("src/main/resources/db/migration");

        assertThatThrownBy(() -> MigrationDiscovery.discover(List.of(missing)))
                .isInstanceOf(MigrationException.class)
                .hasMessage("migrations location " + missing.toAbsolutePath()
                        + " does not exist: the `migrations` parameter points there;"
                        + " set it to the folder that holds the migration scripts");
    }

    @Test
    void locationThatIsAFile() throws IOException {
        Path file = touch("V1__a.sql");

        assertThatThrownBy(() -> MigrationDiscovery.discover(List.of(file)))
                .isInstanceOf(MigrationException.class)
                .hasMessageContaining("is a file, not a folder");
    }

    @Test
    void emptyLocation() throws IOException {
        Files.createDirectories(dir.resolve("db"));
        touch("db/readme.txt");

        assertThatThrownBy(() -> MigrationDiscovery.discover(List.of(dir.resolve("db"))))
                .isInstanceOf(MigrationException.class)
                .hasMessageStartingWith("no migrations found in " + dir.resolve("db").toAbsolutePath());
    }

    @Test
    void onlyUndoScripts() throws IOException {
        touch("db/U1__a.sql");

        assertThatThrownBy(() -> MigrationDiscovery.discover(List.of(dir.resolve("db"))))
                .isInstanceOf(MigrationException.class)
                .hasMessageContaining("no migrations found in")
                .hasMessageContaining("only Flyway undo scripts (U1__a.sql)");
    }

    @Test
    void flywayAndPlainLocationsDoNotMix() throws IOException {
        touch("a/V1__a.sql");
        touch("b/001_b.sql");

        assertThatThrownBy(() -> MigrationDiscovery.discover(List.of(dir.resolve("a"), dir.resolve("b"))))
                .isInstanceOf(MigrationException.class)
                .hasMessageContaining("holds plain .sql files (001_b.sql)")
                .hasMessageContaining("holds Flyway migrations (V1__a.sql)");
    }

    @Test
    void naturalOrderAndVersions() {
        assertThat(NaturalOrder.INSTANCE.compare("2_x.sql", "10_x.sql")).isNegative();
        assertThat(NaturalOrder.INSTANCE.compare("a.sql", "B.sql")).isNegative();
        assertThat(NaturalOrder.INSTANCE.compare("01.sql", "1.sql")).isNotZero();
        assertThat(NaturalOrder.comparePaths("a/10.sql", "a/9.sql")).isPositive();
        assertThat(NaturalOrder.INSTANCE.compare("99999999999999999999999_a", "100000000000000000000000_a")).isNegative();
        assertThat(FlywayVersion.parse("1.0").compareTo(FlywayVersion.parse("1"))).isZero();
        assertThat(FlywayVersion.parse("1_10").text()).isEqualTo("1.10");
        assertThat(FlywayVersion.parse("1a")).isNull();
        assertThat(FlywayVersion.parse("1..2")).isNull();
    }

    private static RunListener collecting(List<String> warnings) {
        return new RunListener() {
            @Override
            public void progress(String message) {
            }

            @Override
            public void warning(String message) {
                warnings.add(message);
            }
        };
    }
}
