package dev.dbguard.core.format;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbguard.core.DbGuard;
import dev.dbguard.core.api.GuardConfig;
import dev.dbguard.core.api.RunListener;
import dev.dbguard.core.api.MigrationFormat;
import dev.dbguard.core.api.MigrationSettings;
import dev.dbguard.core.report.AnalysisResult;
import dev.dbguard.core.api.Finding;
import dev.dbguard.core.testing.SharedPostgres;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The motomind-unsafe schema written in every format gives the same findings as the plain SQL version: same rule
 * ids, tables and columns; only the locations differ (and point into each format's own files).
 */
class MigrationFormatsTest {

    private static final Path ROOT = Path.of("src/test/resources/formats/motomind");
    private static AnalysisResult plain;

    @BeforeAll
    static void runPlain() {
        plain = run(settings(MigrationFormat.PLAIN, null));
    }

    private static MigrationSettings settings(MigrationFormat format, Path changeLog) {
        return new MigrationSettings(format, List.of(), List.of(), java.util.Map.of(), null, null, null, null,
                changeLog, null, null, null, null, java.util.Map.of());
    }

    private static AnalysisResult run(MigrationSettings settings) {
        GuardConfig config = GuardConfig.builder().migration(ROOT.resolve("migration")).appRole("motomind_app")
                .migrationSettings(settings).build();
        return new DbGuard(SharedPostgres.scratchDatabases()).run(config, RunListener.SILENT);
    }

    /** rule | table | column of every finding: what must not depend on the format. */
    private static Set<String> keys(AnalysisResult result) {
        return result.findings().stream().map(f -> f.rule() + "|" + f.table() + "|" + f.column())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void plainFindsTheUnsafeSchema() {
        assertThat(keys(plain)).contains("rls-disabled|public.garages|null", "tenant-column-missing|public.reminders|null",
                "cross-tenant-reference|public.vehicles|garage_id");
    }

    @Test
    void flywayGivesThePlainFindingsAtTheSameLines() {
        AnalysisResult flyway = run(settings(MigrationFormat.FLYWAY, null));
        assertThat(keys(flyway)).isEqualTo(keys(plain));
        // same files, Flyway's statements mapped onto the same lines
        assertThat(locations(flyway)).isEqualTo(locations(plain));
        assertThat(flyway.migrations()).extracting(m -> m.file()).containsExactly("V1__tenants.sql", "V2__garages.sql",
                "V3__vehicles.sql", "V4__vehicle_events_and_reminders.sql", "V5__vehicle_images.sql");
    }

    @Test
    void autoPicksFlywayForVersionedScripts() {
        GuardConfig config = GuardConfig.builder().migration(ROOT.resolve("migration")).build();
        assertThat(MigrationSources.resolve(config)).isEqualTo(MigrationFormat.FLYWAY);
        assertThat(MigrationSources.resolve(config.toBuilder().migrationSettings(
                settings(MigrationFormat.AUTO, ROOT.resolve("liquibase-sql/db.changelog-master.sql"))).build()))
                .isEqualTo(MigrationFormat.LIQUIBASE);
    }

    @Test
    void anUnknownFormatIsAClearError() {
        assertThat(MigrationFormat.parse(" Liquibase ")).isEqualTo(MigrationFormat.LIQUIBASE);
        assertThat(MigrationFormat.parse(null)).isEqualTo(MigrationFormat.AUTO);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> MigrationFormat.parse("sqitch"))
                .hasMessage("format: 'sqitch' is not a migration format; use auto, flyway, liquibase or plain");
    }

    @Test
    void liquibaseFormattedSqlGivesThePlainFindingsAtStatementLines() {
        Path changeLog = ROOT.resolve("liquibase-sql/db.changelog-master.sql");
        AnalysisResult liquibase = run(settings(MigrationFormat.LIQUIBASE, changeLog));
        assertThat(keys(liquibase)).isEqualTo(keys(plain));
        String file = "formats/motomind/liquibase-sql/db.changelog-master.sql";
        assertThat(liquibase.findings()).allSatisfy(f -> assertThat(f.source() == null ? null : f.source().file()).isIn(file, null));
        // rls-disabled on garages points at CREATE TABLE garages, line 19 of the changelog
        Finding garages = liquibase.findings().stream()
                .filter(f -> f.rule().equals("rls-disabled") && f.table().equals("public.garages")).findFirst().orElseThrow();
        assertThat(garages.source().line()).isEqualTo(19);
        assertThat(liquibase.migrations()).extracting(m -> m.file()).first().isEqualTo(file + "::1-tenants::motomind");
    }

    @Test
    void liquibaseXmlGivesThePlainFindingsAtTheChangeSets() {
        Path changeLog = ROOT.resolve("liquibase-xml/db.changelog-master.xml");
        AnalysisResult liquibase = run(settings(MigrationFormat.LIQUIBASE, changeLog));
        assertThat(keys(liquibase)).isEqualTo(keys(plain));
        Finding garages = liquibase.findings().stream()
                .filter(f -> f.rule().equals("rls-disabled") && f.table().equals("public.garages")).findFirst().orElseThrow();
        assertThat(garages.source().file()).isEqualTo("formats/motomind/liquibase-xml/db.changelog-master.xml");
        assertThat(garages.source().line()).isEqualTo(22); // <changeSet id="2-garages" ...>
        Finding reminders = liquibase.findings().stream()
                .filter(f -> f.rule().equals("tenant-column-missing") && f.table().equals("public.reminders")).findFirst()
                .orElseThrow();
        assertThat(reminders.source().file()).isEqualTo("formats/motomind/liquibase-xml/changes/vehicles.xml");
        assertThat(reminders.source().line()).isEqualTo(30); // <changeSet id="4-vehicle-events-and-reminders" ...>
        // the changeset by id and author, as Liquibase users name it
        assertThat(garages.message()).endsWith("(changeset 2-garages::motomind)");
        assertThat(reminders.message()).endsWith("(changeset 4-vehicle-events-and-reminders::motomind)");
    }

    @Test
    void liquibaseYamlGivesThePlainFindingsAtTheChangeSets() {
        Path changeLog = ROOT.resolve("liquibase-yaml/db.changelog-master.yaml");
        AnalysisResult liquibase = run(settings(MigrationFormat.LIQUIBASE, changeLog));
        assertThat(keys(liquibase)).isEqualTo(keys(plain));
        Finding reminders = liquibase.findings().stream()
                .filter(f -> f.rule().equals("tenant-column-missing") && f.table().equals("public.reminders")).findFirst()
                .orElseThrow();
        assertThat(reminders.source().file()).isEqualTo("formats/motomind/liquibase-yaml/db.changelog-master.yaml");
        assertThat(reminders.source().line()).isEqualTo(47); // "- changeSet:" of 4-vehicle-events-and-reminders
    }

    @Test
    void aChangeSetPostgresqlRejectsNamesTheChangelogLineAndChangeSet(@org.junit.jupiter.api.io.TempDir Path dir)
            throws java.io.IOException {
        Path changeLog = dir.resolve("changelog.sql");
        java.nio.file.Files.writeString(changeLog, """
                --liquibase formatted sql

                --changeset alice:1
                CREATE TABLE tenants (id uuid PRIMARY KEY);

                --changeset alice:2
                CREATE TABLE ok (id int);
                CREATE TABLEE broken (id int);
                """);
        GuardConfig config = GuardConfig.builder().migration(dir).migrationSettings(settings(MigrationFormat.LIQUIBASE,
                changeLog)).build();
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> new DbGuard(SharedPostgres.scratchDatabases()).run(config, RunListener.SILENT))
                .hasMessageStartingWith("changelog.sql:8: PostgreSQL rejected the statement: 42601 syntax error")
                .hasMessageContaining("changeset: 2::alice");
    }

    /**
     * Applied as a migration role that owns the database, the schema gives the same findings at the same lines: the
     * journal's event triggers, a superuser's, record what a non-superuser's DDL did as they record a superuser's.
     */
    @Test
    void theMigrationRoleChangesNoFindingOfASchemaItMayBuild() {
        GuardConfig config = GuardConfig.builder().migration(ROOT.resolve("migration")).appRole("motomind_app")
                .migrationRole("motomind_owner").migrationSettings(settings(MigrationFormat.PLAIN, null)).build();
        AnalysisResult asRole = new DbGuard(SharedPostgres.scratchDatabases()).run(config, RunListener.SILENT);
        assertThat(locations(asRole)).isEqualTo(locations(plain));
    }

    /**
     * With a migration role every format applies the migrations as that role ({@code current_user} checked by the
     * migration itself), and a statement only a superuser may run is reported at its line and then applied, so the
     * statements after it still run.
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(value = MigrationFormat.class, names = {"PLAIN", "FLYWAY", "LIQUIBASE"})
    void everyFormatAppliesAsTheMigrationRole(MigrationFormat format, @org.junit.jupiter.api.io.TempDir Path dir)
            throws java.io.IOException {
        String asRole = "DO $$ BEGIN IF current_user <> 'app_owner' OR session_user <> 'app_owner' THEN "
                + "RAISE EXCEPTION 'applied as %', current_user; END IF; END $$";
        // after the statement db-guard applied as a superuser: the role again, and the statements after it ran
        String after = "DO $$ BEGIN IF current_user <> 'app_owner' OR to_regclass('public.notes') IS NULL THEN "
                + "RAISE EXCEPTION 'not applied as app_owner after the superuser statement'; END IF; END $$";
        Path changeLog = null;
        String file;
        int line;
        if (format == MigrationFormat.LIQUIBASE) {
            changeLog = dir.resolve("changelog.sql");
            java.nio.file.Files.writeString(changeLog, String.join("\n", "--liquibase formatted sql", "",
                    "--changeset alice:1 splitStatements:false", asRole + ";", "",
                    "--changeset alice:2", "CREATE TABLE tenants (id uuid PRIMARY KEY);",
                    "CREATE EXTENSION IF NOT EXISTS pg_stat_statements;", "CREATE TABLE notes (id bigint PRIMARY KEY);",
                    "", "--changeset alice:3 splitStatements:false", after + ";", ""));
            file = "changelog.sql";
            line = 8;
        } else {
            java.nio.file.Files.writeString(dir.resolve("V1__base.sql"), String.join("\n", asRole + ";",
                    "CREATE TABLE tenants (id uuid PRIMARY KEY);", "CREATE EXTENSION IF NOT EXISTS pg_stat_statements;",
                    "CREATE TABLE notes (id bigint PRIMARY KEY);", after + ";", ""));
            file = "V1__base.sql";
            line = 3;
        }
        GuardConfig config = GuardConfig.builder().migration(dir).migrationRole("app_owner")
                .migrationSettings(settings(format, changeLog)).build();
        AnalysisResult result = new DbGuard(SharedPostgres.scratchDatabases()).run(config, RunListener.SILENT);
        List<Finding> needs = result.findings().stream().filter(f -> f.rule().equals("migration-needs-superuser")).toList();
        assertThat(needs).hasSize(1);
        assertThat(needs.get(0).source().file()).endsWith(file);
        assertThat(needs.get(0).source().line()).isEqualTo(line);
        assertThat(needs.get(0).message()).contains("42501 permission denied to create extension \"pg_stat_statements\"");
        assertThat(result.migrations()).isNotEmpty();
    }

    private static Set<String> locations(AnalysisResult result) {
        return result.findings().stream().map(f -> f.rule() + "|" + f.table() + "|" + f.source())
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
