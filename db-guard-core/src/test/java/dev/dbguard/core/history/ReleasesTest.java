package dev.dbguard.core.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dbguard.core.api.DbGuardException;
import dev.dbguard.core.journal.AppliedScript;
import dev.dbguard.core.migration.Migration;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which migrations form one release, and which are already in production: {@link Releases} without a database. */
class ReleasesTest {

    private static final Path LOCATION = Path.of("db/migration");
    private static final String MARKER = "-- db-guard:release\n";

    /** Versioned migrations, named {@code V<version>__m.sql} with '.' written as '_'. */
    private static List<AppliedScript> versioned(String... versions) {
        List<AppliedScript> scripts = new ArrayList<>();
        for (String version : versions) {
            String file = "V" + version.replace('.', '_') + "__m.sql";
            scripts.add(new AppliedScript(scripts.size(), new Migration(LOCATION, LOCATION.resolve(file), file,
                    version, "m", Migration.Kind.VERSIONED), List.of()));
        }
        return scripts;
    }

    private static AppliedScript plain(int index, String file) {
        return new AppliedScript(index, new Migration(LOCATION, LOCATION.resolve(file), file, null,
                file.replace(".sql", ""), Migration.Kind.PLAIN), List.of());
    }

    private static List<String> noMarkers(List<AppliedScript> scripts) {
        return scripts.stream().map(s -> "SELECT 1;\n").toList();
    }

    private static Migration migration(String version) {
        return versioned(version).get(0).migration();
    }

    @Test
    void perMigrationMakesEveryFileItsOwnRelease() {
        List<AppliedScript> scripts = versioned("1", "2.1", "2.2", "3");

        assertThat(Releases.assign(scripts, noMarkers(scripts), "per-migration", null))
                .containsExactly("V1__m.sql", "V2_1__m.sql", "V2_2__m.sql", "V3__m.sql");
    }

    @Test
    void majorVersionGroupsTheMigrationsSharingTheirFirstSegment() {
        List<AppliedScript> scripts = versioned("1", "2.1", "2.2", "3");

        List<String> releases = Releases.assign(scripts, noMarkers(scripts), "major-version", null);

        assertThat(releases).containsExactly("V1", "V2", "V2", "V3");
        assertThat(releases.get(1)).as("V2_1 and V2_2 deploy together").isEqualTo(releases.get(2));
        assertThat(releases.get(3)).as("V3 is the next release").isNotEqualTo(releases.get(2));
    }

    @Test
    void majorVersionComparesNumbersNotText() {
        List<AppliedScript> scripts = versioned("2", "2.10", "10.1", "10.2");

        assertThat(Releases.assign(scripts, noMarkers(scripts), "major-version", null))
                .containsExactly("V2", "V2", "V10", "V10");
    }

    @Test
    void majorVersionKeepsUnversionedScriptsApart() {
        List<AppliedScript> scripts = new ArrayList<>(versioned("1.1", "1.2"));
        scripts.add(plain(2, "R__views.sql"));

        assertThat(Releases.assign(scripts, noMarkers(scripts), "major-version", null))
                .containsExactly("V1", "V1", "R__views.sql");
    }

    @Test
    void theModeIsCaseInsensitive() {
        List<AppliedScript> scripts = versioned("2.1", "2.2");

        assertThat(Releases.assign(scripts, noMarkers(scripts), "MAJOR-VERSION", null)).containsExactly("V2", "V2");
    }

    @Test
    void aMarkerStartsAReleaseThatTheFollowingMigrationsJoin() {
        List<AppliedScript> scripts = versioned("1", "2", "3", "4", "5");
        List<String> texts = List.of(
                "CREATE TABLE a (id int);\n",
                MARKER + "ALTER TABLE a ADD COLUMN b int DEFAULT 1;\n",
                "ALTER TABLE a ALTER COLUMN b DROP DEFAULT;\n",
                "  --   db-guard:release   \nALTER TABLE a ALTER COLUMN b SET NOT NULL;\n",
                "CREATE INDEX ON a (b);\n");

        assertThat(Releases.assign(scripts, texts, "marker", null))
                .as("V1 starts the first release without a marker; V2 and V4 start the next ones")
                .containsExactly("V1__m.sql", "V2__m.sql", "V2__m.sql", "V4__m.sql", "V4__m.sql");
    }

    @Test
    void aMarkerMustBeALineOfItsOwn() {
        List<AppliedScript> scripts = versioned("1", "2", "3");
        List<String> texts = List.of(
                "CREATE TABLE a (id int);\n",
                "-- see db-guard:release in docs/releases.md\nALTER TABLE a ADD COLUMN b int;\n",
                "SELECT '-- db-guard:release';\n");

        assertThat(Releases.assign(scripts, texts, "marker", null))
                .containsExactly("V1__m.sql", "V1__m.sql", "V1__m.sql");
    }

    @Test
    void withoutAnyMarkerEverythingIsOneRelease() {
        List<AppliedScript> scripts = versioned("1", "2", "3");

        assertThat(Releases.assign(scripts, noMarkers(scripts), "marker", null))
                .containsExactly("V1__m.sql", "V1__m.sql", "V1__m.sql");
    }

    @Test
    void markersAreIgnoredInTheOtherModes() {
        List<AppliedScript> scripts = versioned("1", "2");
        List<String> texts = List.of("SELECT 1;\n", MARKER);

        assertThat(Releases.assign(scripts, texts, "per-migration", null)).containsExactly("V1__m.sql", "V2__m.sql");
    }

    @Test
    void migrationsAtOrBelowTheProductionVersionAreInProduction() {
        assertThat(Releases.inProduction(migration("2"), "2.1")).isTrue();
        assertThat(Releases.inProduction(migration("2.1"), "2.1")).isTrue();
        assertThat(Releases.inProduction(migration("2.1.0"), "2_1")).as("2.1.0 equals 2.1").isTrue();
        assertThat(Releases.inProduction(migration("2.2"), "2.1")).isFalse();
        assertThat(Releases.inProduction(migration("2.10"), "2.9")).as("numbers, not text").isFalse();
        assertThat(Releases.inProduction(migration("10"), "9")).isFalse();
    }

    @Test
    void nothingIsInProductionWithoutAProductionVersionOrAVersion() {
        assertThat(Releases.inProduction(migration("1"), null)).isFalse();
        assertThat(Releases.inProduction(plain(0, "R__views.sql").migration(), "99")).isFalse();
        assertThat(Releases.inProduction(plain(0, "001_init.sql").migration(), "99")).isFalse();
    }

    @Test
    void productionMigrationsFormNoReleaseWithLaterOnes() {
        List<AppliedScript> scripts = versioned("2.1", "2.2", "2.3", "3");

        List<String> releases = Releases.assign(scripts, noMarkers(scripts), "major-version", "2.2");

        assertThat(releases).containsExactly("production:V2_1__m.sql", "production:V2_2__m.sql", "V2", "V3");
        assertThat(releases.get(0)).as("each deployed migration stands alone").isNotEqualTo(releases.get(1));
    }

    @Test
    void theMigrationAfterProductionStartsAMarkerReleaseWithoutAMarker() {
        List<AppliedScript> scripts = versioned("1", "2", "3", "4");
        List<String> texts = List.of("SELECT 1;\n", "SELECT 1;\n", "SELECT 1;\n", MARKER);

        assertThat(Releases.assign(scripts, texts, "marker", "1"))
                .containsExactly("production:V1__m.sql", "V2__m.sql", "V2__m.sql", "V4__m.sql");
    }

    @Test
    void perMigrationWithAProductionVersion() {
        List<AppliedScript> scripts = versioned("1", "2");

        assertThat(Releases.assign(scripts, noMarkers(scripts), "per-migration", "1"))
                .containsExactly("production:V1__m.sql", "V2__m.sql");
    }

    @Test
    void validateAcceptsTheThreeModesInAnyCaseAndFlywayVersions() {
        for (String mode : List.of("per-migration", "major-version", "marker", "Marker", "PER-MIGRATION")) {
            assertThatCode(() -> Releases.validate(mode, null)).doesNotThrowAnyException();
        }
        for (String version : List.of("1", "3.2", "3_2", "2024.01.15.1")) {
            assertThatCode(() -> Releases.validate("per-migration", version)).doesNotThrowAnyException();
        }
    }

    @Test
    void validateNamesAnUnknownModeAndTheModesThatExist() {
        assertThatThrownBy(() -> Releases.validate("per-sprint", null))
                .isInstanceOf(DbGuardException.class)
                .hasMessage("releases: 'per-sprint' is not a grouping; use per-migration, major-version, marker");
    }

    @Test
    void validateNamesAProductionVersionThatIsNotAFlywayVersion() {
        for (String version : List.of("v3", "3.x", "3..2", "", "3.2-SNAPSHOT")) {
            assertThatThrownBy(() -> Releases.validate("per-migration", version))
                    .as(version)
                    .isInstanceOf(DbGuardException.class)
                    .hasMessageStartingWith("productionVersion: '" + version + "' is not a Flyway version")
                    .hasMessageContaining("e.g. 3.1");
        }
    }
}
