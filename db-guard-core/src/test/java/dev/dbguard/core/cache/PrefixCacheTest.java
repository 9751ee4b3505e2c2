package dev.dbguard.core.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dbguard.core.DbGuard;
import dev.dbguard.core.api.GuardConfig;
import dev.dbguard.core.api.MigrationFormat;
import dev.dbguard.core.api.RunListener;
import dev.dbguard.core.migration.Migration;
import dev.dbguard.core.migration.MigrationDiscovery;
import dev.dbguard.core.migration.MigrationException;
import dev.dbguard.core.postgres.DatabaseProvisioner;
import dev.dbguard.core.report.AnalysisResult;
import dev.dbguard.core.testing.RecordedLines;
import dev.dbguard.core.testing.RuleFixtures;
import dev.dbguard.core.testing.SharedPostgres;
import dev.dbguard.core.testing.TimelessJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A run that continues from a kept migrated state gives the verdict of a run from nothing: each fixture below is run
 * without its last migration (keeping the state), then whole (continuing from it), and the JSON report of the second
 * run is compared byte for byte with a run of the whole fixture without the cache, each migration's {@code millis}
 * set to 0. The fixtures are those whose verdict depends on what the kept state carries: the data rehearsal's rows
 * and what it saw (rows lost, a migration failing with rows, rollbacks), releases that span the kept migrations and
 * the added one, the DDL journal of tables the kept migrations created, and the isolation probe on the final schema.
 */
class PrefixCacheTest {

    private static final Path RULES = Path.of("src", "test", "resources", "rules");

    @TempDir
    Path temp;

    static Stream<String> fixtures() {
        return Stream.of("rows-lost/reports", "rows-lost/partitioned", "rows-lost/through-a-trigger",
                "fails-on-existing-data/reports", "rollback-broken/reports", "rollback-missing/reports",
                "not-null-same-release/reports-marker-default-dropped", "not-null-same-release/reports-major-version",
                "volatile-default-rewrite/reports", "timestamp-default-backfill/reports",
                "isolation-read-leak/reports-using-true", "isolation-read-leak/clean-keys-partitions-views",
                "rename-breaks-clients/reports");
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void aRunContinuingFromTheKeptStateGivesTheReportOfARunFromNothing(String fixture) throws IOException {
        continuesAsARunFromNothing(fixture, MigrationFormat.PLAIN, " of ");
    }

    static Stream<String> flywayFixtures() {
        return Stream.of("rows-lost/reports", "fails-on-existing-data/reports", "rollback-broken/reports",
                "not-null-same-release/reports-major-version", "volatile-default-rewrite/reports",
                "isolation-read-leak/reports-using-true", "rename-breaks-clients/reports");
    }

    /** Flyway applies the added migrations after baselining the kept database at the last kept version. */
    @ParameterizedTest
    @MethodSource("flywayFixtures")
    void aFlywayRunContinuingFromTheKeptStateGivesTheReportOfARunFromNothing(String fixture) throws IOException {
        continuesAsARunFromNothing(fixture, MigrationFormat.FLYWAY, "");
    }

    private void continuesAsARunFromNothing(String fixture, MigrationFormat format, String ofTotal)
            throws IOException {
        Path source = RULES.resolve(fixture);
        List<Migration> migrations = MigrationDiscovery.discover(List.of(source));
        assertThat(migrations).as("migrations of " + fixture).hasSizeGreaterThan(1);
        Migration last = migrations.get(migrations.size() - 1);
        Path folder = temp.resolve("migrations");
        RuleFixtures.copyAllBut(source, folder, last.path());
        PrefixCache prefixes = new PrefixCache(temp.resolve("cache"), List.of());
        GuardConfig config = withFormat(RuleFixtures.config(folder), format);

        RecordedLines first = new RecordedLines();
        new DbGuard(DatabaseProvisioner.embedded(), prefixes).run(config, first);
        assertThat(first.progress).noneMatch(line -> line.startsWith("continuing from the migrated state"));
        assertThat(first.warnings).noneMatch(line -> line.contains("kept"));
        assertThat(entries(prefixes)).as("states kept").hasSize(1);

        Files.copy(last.path(), folder.resolve(source.relativize(last.path()).toString()));
        RecordedLines second = new RecordedLines();
        AnalysisResult continued = new DbGuard(DatabaseProvisioner.embedded(), prefixes).run(config, second);
        String continuing = "continuing from the migrated state kept after the first " + (migrations.size() - 1)
                + (ofTotal.isEmpty() ? "" : ofTotal + migrations.size()) + " migrations (";
        assertThat(second.progress).anyMatch(line -> line.startsWith(continuing));
        assertThat(second.progress).noneMatch(line -> line.startsWith("the kept migrated state does not fit"));
        assertThat(second.warnings).noneMatch(line -> line.contains("kept"));

        AnalysisResult cold = new DbGuard(SharedPostgres.scratchDatabases()).run(config, RunListener.SILENT);
        assertThat(TimelessJson.of(continued)).isEqualTo(TimelessJson.of(cold));
        assertThat(entries(prefixes)).as("states kept").hasSize(2);
    }

    /**
     * A migration added between two kept ones: every kept file is unchanged, but Flyway orders the new one before the
     * last kept one, so the kept database is not where this run's migrations begin.
     */
    @Test
    void aFlywayMigrationAddedBeforeTheLastKeptOneStartsOver() throws IOException {
        Path folder = itemsMigrations();
        Files.writeString(folder.resolve("V3__code.sql"), "SET lock_timeout = '5s';\n"
                + "ALTER TABLE items ADD COLUMN code text;\n");
        GuardConfig config = withFormat(RuleFixtures.config(folder), MigrationFormat.FLYWAY);
        Continued continued = keepThenAdd(keeping(), config, folder.resolve("V2__notes.sql"),
                "SET lock_timeout = '5s';\nCREATE TABLE notes (id bigint PRIMARY KEY, body text);\n");
        RecordedLines lines = continued.lines();
        AnalysisResult again = continued.result();
        assertThat(lines.progress).anyMatch(line -> line.startsWith("continuing from the migrated state kept after "
                + "the first 2 migrations"));
        assertThat(lines.progress).contains("the kept migrated state does not fit these migrations: Flyway orders "
                + "V2__notes.sql where the kept migrations had V3__code.sql; applying every migration");
        assertThat(again.migrations()).extracting(m -> m.file())
                .containsExactly("V1__items.sql", "V2__notes.sql", "V3__code.sql");
        assertThat(TimelessJson.of(again)).isEqualTo(coldJson(config));
    }

    /**
     * The kept migrations created nothing in Flyway's default schema: Flyway would take that schema for a new
     * database and apply every migration again, so the kept database is baselined explicitly.
     */
    @Test
    void aFlywayStateWithAnEmptyDefaultSchemaContinues() throws IOException {
        Path folder = Files.createDirectories(temp.resolve("migrations"));
        Files.writeString(folder.resolve("V1__app.sql"), "SET lock_timeout = '5s';\n"
                + "CREATE SCHEMA app;\nCREATE TABLE app.items (id bigint PRIMARY KEY, name text NOT NULL);\n");
        GuardConfig config = withFormat(RuleFixtures.config(folder), MigrationFormat.FLYWAY).toBuilder()
                .schemas(List.of("app")).build();
        Continued continued = keepThenAdd(keeping(), config, folder.resolve("V2__code.sql"),
                "SET lock_timeout = '5s';\nALTER TABLE app.items ADD COLUMN code text;\n");
        RecordedLines lines = continued.lines();
        AnalysisResult again = continued.result();
        assertThat(lines.progress).anyMatch(line -> line.startsWith("continuing from the migrated state kept after "
                + "the first 1 migrations"));
        assertThat(lines.progress).noneMatch(line -> line.startsWith("the kept migrated state does not fit"));
        assertThat(TimelessJson.of(again)).isEqualTo(coldJson(config));
    }

    /** A migration PostgreSQL rejects fails the build as it does without a kept state, with the same message. */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(value = MigrationFormat.class, names = {"PLAIN", "FLYWAY"})
    void anAddedMigrationPostgresRejectsFailsAsWithoutTheKeptState(MigrationFormat format) throws IOException {
        Path folder = itemsMigrations();
        PrefixCache prefixes = new PrefixCache(temp.resolve("cache"), List.of());
        GuardConfig config = withFormat(RuleFixtures.config(folder), format);
        new DbGuard(DatabaseProvisioner.embedded(), prefixes).run(config, RunListener.SILENT);

        Files.writeString(folder.resolve("V2__broken.sql"), "SET lock_timeout = '5s';\nALTER TABLE itemz ADD COLUMN x int;\n");
        RecordedLines lines = new RecordedLines();
        assertThatThrownBy(() -> new DbGuard(DatabaseProvisioner.embedded(), prefixes).run(config, lines))
                .isInstanceOf(MigrationException.class)
                .hasMessageStartingWith("V2__broken.sql:2: PostgreSQL rejected the statement: 42P01 relation \"itemz\" does not exist");
        assertThat(lines.progress).anyMatch(line -> line.startsWith("continuing from the migrated state"));
        assertThatThrownBy(() -> new DbGuard(SharedPostgres.scratchDatabases()).run(config, RunListener.SILENT))
                .isInstanceOf(MigrationException.class)
                .hasMessageStartingWith("V2__broken.sql:2: PostgreSQL rejected the statement: 42P01 relation \"itemz\" does not exist");
    }

    /**
     * A failure with rows that names a constraint is judged by that constraint's columns in the final schema: when an
     * added migration redefines it, the kept judgement is not the one a run from nothing makes, and the run starts
     * over from an empty server.
     */
    @Test
    void aStateJudgedByAConstraintAnAddedMigrationRedefinesIsNotContinued() throws IOException {
        Path folder = itemsMigrations();
        Files.writeString(folder.resolve("V2__code.sql"), "SET lock_timeout = '5s';\n"
                + "ALTER TABLE items ADD COLUMN code text;\n"
                + "ALTER TABLE items ADD CONSTRAINT items_code_check CHECK (code IS NOT NULL);\n");
        GuardConfig config = RuleFixtures.config(folder);
        Continued continued = keepThenAdd(keeping(), config, folder.resolve("V3__name_rule.sql"),
                "SET lock_timeout = '5s';\nALTER TABLE items DROP CONSTRAINT items_code_check;\n"
                        + "ALTER TABLE items ADD CONSTRAINT items_code_check CHECK (name <> '') NOT VALID;\n");
        assertThat(continued.kept().findings()).anyMatch(f -> f.rule().equals("fails-on-existing-data"));
        RecordedLines lines = continued.lines();
        AnalysisResult again = continued.result();
        assertThat(lines.progress).anyMatch(line -> line.startsWith("continuing from the migrated state kept after "
                + "the first 2 of 3 migrations"));
        AnalysisResult cold = new DbGuard(SharedPostgres.scratchDatabases()).run(config, RunListener.SILENT);
        assertThat(cold.findings()).noneMatch(f -> f.rule().equals("fails-on-existing-data"));
        assertThat(TimelessJson.of(again)).isEqualTo(TimelessJson.of(cold));
        assertThat(lines.progress).anyMatch(line -> line.startsWith("the kept migrated state does not fit these "
                + "migrations: a migration added changes a constraint"));
    }

    @Test
    void eachRunKeepsItsStateForTheNext() throws IOException {
        Path source = RULES.resolve("timestamp-default-backfill/reports");
        List<Migration> migrations = MigrationDiscovery.discover(List.of(source));
        Path folder = temp.resolve("migrations");
        Files.createDirectories(folder);
        PrefixCache prefixes = new PrefixCache(temp.resolve("cache"), List.of());
        for (int applied = 0; applied < migrations.size(); applied++) {
            Path file = migrations.get(applied).path();
            Files.copy(file, folder.resolve(file.getFileName()));
            GuardConfig config = RuleFixtures.config(folder);
            RecordedLines lines = new RecordedLines();
            AnalysisResult result = new DbGuard(DatabaseProvisioner.embedded(), prefixes).run(config, lines);
            String continuing = "continuing from the migrated state kept after the first " + applied + " of "
                    + (applied + 1) + " migrations";
            if (applied > 0) {
                assertThat(lines.progress).anyMatch(line -> line.startsWith(continuing));
            }
            assertThat(TimelessJson.of(result)).isEqualTo(coldJson(config));
        }
        assertThat(entries(prefixes)).hasSize(PrefixCache.DEFAULT_MAX_ENTRIES);
    }

    @Test
    void aDamagedStateIsAWarningAndEveryMigrationIsApplied() throws IOException {
        Path source = RULES.resolve("rows-lost/reports");
        Path folder = temp.resolve("migrations");
        RuleFixtures.copyAllBut(source, folder, null);
        PrefixCache prefixes = new PrefixCache(temp.resolve("cache"), List.of());
        GuardConfig config = RuleFixtures.config(folder);
        new DbGuard(DatabaseProvisioner.embedded(), prefixes).run(config, RunListener.SILENT);
        Path entry = entries(prefixes).get(0);
        // a file of the data directory lost: the copy does not match the list, the server is never started on it
        try (Stream<Path> files = Files.walk(entry.resolve("data").resolve("base"))) {
            Files.delete(files.filter(Files::isRegularFile).findFirst().orElseThrow());
        }
        RecordedLines lines = new RecordedLines();
        AnalysisResult again = new DbGuard(DatabaseProvisioner.embedded(), prefixes).run(config, lines);
        assertThat(lines.warnings).singleElement().asString().contains("the kept migrated state " + entry)
                .contains("does not match the files kept").contains("applying every migration");
        assertThat(TimelessJson.of(again)).isEqualTo(coldJson(config));
    }

    /**
     * Init scripts ran before the kept migrations: the kept data directory holds what they made, and they run again
     * only on a new sibling database (the rehearsal's, when a failure makes it rebuild), as without the cache.
     */
    @Test
    void initScriptsRunOnceWithAKeptState() throws IOException {
        Path init = Files.writeString(temp.resolve("init.sql"), "CREATE ROLE app_user NOLOGIN;\n"
                + "CREATE SCHEMA audit;\nCREATE TABLE audit.events (id bigint PRIMARY KEY, what text);\n");
        Path folder = itemsMigrations();
        Files.writeString(folder.resolve("V2__grants.sql"), "SET lock_timeout = '5s';\n"
                + "GRANT SELECT ON items TO app_user;\n");
        GuardConfig config = RuleFixtures.config(folder);
        Continued continued = keepThenAdd(new DbGuard(DatabaseProvisioner.embedded().withInitScripts(List.of(init)),
                new PrefixCache(temp.resolve("cache"), List.of(init))), config, folder.resolve("V3__notes.sql"),
                "SET lock_timeout = '5s';\nCREATE TABLE notes (id bigint PRIMARY KEY, body text);\n"
                        + "GRANT SELECT ON notes TO app_user;\n");
        RecordedLines lines = continued.lines();
        assertThat(lines.progress).anyMatch(line -> line.startsWith("continuing from the migrated state kept after "
                + "the first 2 of 3 migrations"));
        assertThat(lines.warnings).isEmpty();
        assertThat(TimelessJson.of(continued.result())).isEqualTo(TimelessJson.of(new DbGuard(DatabaseProvisioner.embedded()
                .withInitScripts(List.of(init))).run(config, RunListener.SILENT)));
        // other init scripts are other inputs: nothing kept fits them
        Path other = Files.writeString(temp.resolve("other.sql"), "CREATE ROLE app_user NOLOGIN;\n");
        RecordedLines otherLines = new RecordedLines();
        new DbGuard(DatabaseProvisioner.embedded().withInitScripts(List.of(other)),
                new PrefixCache(temp.resolve("cache"), List.of(other))).run(config, otherLines);
        assertThat(otherLines.progress).noneMatch(line -> line.startsWith("continuing from the migrated state"));
    }

    @Test
    void aFolderThatCannotBeWrittenIsAWarningAndTheBuildGoesOn() throws IOException {
        Path folder = temp.resolve("migrations");
        RuleFixtures.copyAllBut(RULES.resolve("rows-lost/reports"), folder, null);
        Path notAFolder = Files.writeString(temp.resolve("cache"), "a file where the states would go");
        PrefixCache prefixes = new PrefixCache(notAFolder, List.of());
        GuardConfig config = RuleFixtures.config(folder);
        RecordedLines lines = new RecordedLines();
        AnalysisResult result = new DbGuard(DatabaseProvisioner.embedded(), prefixes).run(config, lines);
        assertThat(lines.warnings).singleElement().asString()
                .startsWith("cannot keep the migrated state in " + notAFolder)
                .endsWith("the next build applies every migration");
        assertThat(TimelessJson.of(result)).isEqualTo(coldJson(config));
        // and the next run finds nothing to continue from, without a word
        RecordedLines next = new RecordedLines();
        new DbGuard(DatabaseProvisioner.embedded(), prefixes).run(config, next);
        assertThat(next.progress).noneMatch(line -> line.startsWith("continuing from the migrated state"));
    }

    @Test
    void theLeastRecentlyUsedStatesAreRemovedPastTheBound() throws IOException {
        Path folder = temp.resolve("migrations");
        RuleFixtures.copyAllBut(RULES.resolve("rows-lost/reports"), folder, null);
        PrefixCache prefixes = new PrefixCache(temp.resolve("cache"), List.of(), 2);
        GuardConfig config = RuleFixtures.config(folder);
        for (String rule : List.of("rls-not-forced", "rls-disabled", "rls-without-policy")) {
            new DbGuard(DatabaseProvisioner.embedded(), prefixes).run(config.toBuilder().rule(rule, "off").build(),
                    RunListener.SILENT);
        }
        assertThat(entries(prefixes)).hasSize(2);
        assertThat(entries(prefixes)).map(entry -> entry.getFileName().toString()).doesNotContain(
                VerdictKey.prefixes(config.toBuilder().rule("rls-not-forced", "off").build(), List.of(),
                        scripts(config)).get(0));
    }

    /** db-guard on an embedded server of its own, keeping its states in this test's folder. */
    private DbGuard keeping() {
        return new DbGuard(DatabaseProvisioner.embedded(), new PrefixCache(temp.resolve("cache"), List.of()));
    }

    /** The JSON report of a run of {@code config} without the cache, {@code millis} set to 0. */
    private static String coldJson(GuardConfig config) {
        return TimelessJson.of(new DbGuard(SharedPostgres.scratchDatabases()).run(config, RunListener.SILENT));
    }

    /** A run that kept its state, and the run after {@code added} was written, which continues from it. */
    private record Continued(AnalysisResult kept, AnalysisResult result, RecordedLines lines) {
    }

    /** Runs {@code config} with {@code guard} (keeping the state), writes {@code added}, and runs it again. */
    private static Continued keepThenAdd(DbGuard guard, GuardConfig config, Path added, String sql)
            throws IOException {
        AnalysisResult kept = guard.run(config, RunListener.SILENT);
        Files.writeString(added, sql);
        RecordedLines lines = new RecordedLines();
        return new Continued(kept, guard.run(config, lines), lines);
    }

    /** A migrations folder holding {@code V1__items.sql}, which creates the table {@code items (id, name)}. */
    private Path itemsMigrations() throws IOException {
        Path folder = Files.createDirectories(temp.resolve("migrations"));
        Files.writeString(folder.resolve("V1__items.sql"), "SET lock_timeout = '5s';\n"
                + "CREATE TABLE items (id bigint PRIMARY KEY, name text NOT NULL);\n");
        return folder;
    }

    private static GuardConfig withFormat(GuardConfig config, MigrationFormat format) {
        return config.toBuilder().migrationSettings(config.migrationSettings().withFormat(format)).build();
    }

    /**
     * Builds sharing the folder at once (parallel CI jobs, {@code -T}), with room for one state only: each keeps its
     * own state, which evicts the other's, while the other may be copying it. Every verdict is still a cold run's,
     * and the folder holds whole states only.
     */
    @Test
    void buildsSharingTheFolderAtOnceGiveTheVerdictsOfColdRuns() throws Exception {
        Path folder = temp.resolve("migrations");
        RuleFixtures.copyAllBut(RULES.resolve("rows-lost/reports"), folder, null);
        PrefixCache prefixes = new PrefixCache(temp.resolve("cache"), List.of(), 1);
        List<GuardConfig> configs = List.of(RuleFixtures.config(folder),
                RuleFixtures.config(folder).toBuilder().rule("rls-not-forced", "off").build());
        List<String> cold = new ArrayList<>();
        for (GuardConfig config : configs) {
            cold.add(coldJson(config));
        }
        java.util.concurrent.ExecutorService builds = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            List<java.util.concurrent.Future<String>> verdicts = new ArrayList<>();
            for (int build = 0; build < 6; build++) {
                GuardConfig config = configs.get(build % 2);
                verdicts.add(builds.submit(() -> TimelessJson.of(new DbGuard(DatabaseProvisioner.embedded(), prefixes)
                        .run(config, RunListener.SILENT))));
            }
            for (int build = 0; build < 6; build++) {
                assertThat(verdicts.get(build).get()).as("build " + build).isEqualTo(cold.get(build % 2));
            }
        } finally {
            builds.shutdownNow();
        }
        assertThat(entries(prefixes)).hasSize(1);
        try (Stream<Path> children = Files.list(prefixes.directory())) {
            assertThat(children.map(child -> child.getFileName().toString()))
                    .as("no temporary folder left").noneMatch(name -> name.startsWith("."));
        }
        Path state = entries(prefixes).get(0);
        assertThat(state.resolve("state.json")).isRegularFile();
        assertThat(state.resolve("data").resolve("PG_VERSION")).isRegularFile();
    }

    private static List<dev.dbguard.core.journal.AppliedScript> scripts(GuardConfig config) {
        return new dev.dbguard.core.format.PlainMigrationSource(config.migrations(), RunListener.SILENT).scripts();
    }

    private static List<Path> entries(PrefixCache prefixes) throws IOException {
        try (Stream<Path> children = Files.list(prefixes.directory())) {
            return children.filter(child -> !child.getFileName().toString().startsWith(".")).sorted().toList();
        }
    }

}
