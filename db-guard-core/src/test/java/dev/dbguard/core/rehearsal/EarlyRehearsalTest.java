package dev.dbguard.core.rehearsal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dbguard.core.DbGuard;
import dev.dbguard.core.api.GuardConfig;
import dev.dbguard.core.api.RunListener;
import dev.dbguard.core.journal.AppliedScript;
import dev.dbguard.core.migration.MigrationDiscovery;
import dev.dbguard.core.migration.MigrationException;
import dev.dbguard.core.migration.SqlScriptReader;
import dev.dbguard.core.report.AnalysisResult;
import dev.dbguard.core.testing.RuleFixtures;
import dev.dbguard.core.testing.SharedPostgres;
import dev.dbguard.core.testing.TimelessJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rehearsal started with the main run gives the verdict the rehearsal after the main run gives. A statement
 * naming a server-wide object (here a comment mentioning a user) keeps the rehearsal after the main run, so the same
 * migrations with and without that statement compare the two starts.
 */
class EarlyRehearsalTest {

    private static final Path RULES = Path.of("src", "test", "resources", "rules");

    @TempDir
    Path temp;

    @Test
    void serverWideWordsKeepTheRehearsalAfterTheMainRun() throws IOException {
        assertThat(EarlyRehearsal.independent(scripts("CREATE TABLE t (id bigint);\nALTER TABLE t ADD COLUMN n text;\n")))
                .isTrue();
        for (String sql : List.of("CREATE ROLE app;", "GRANT app TO other;", "CREATE TABLE t (\"user\" text);",
                "DO $$ BEGIN EXECUTE 'CREATE USER x'; END $$;", "CREATE TABLESPACE fast LOCATION '/x';",
                "ALTER DATABASE current SET timezone = 'UTC';", "CREATE SCHEMA s AUTHORIZATION app;")) {
            assertThat(EarlyRehearsal.independent(scripts(sql + "\n"))).as(sql).isFalse();
        }
    }

    @Test
    void theEarlyRehearsalJudgesAsTheLateOne() throws IOException {
        for (String fixture : List.of("rows-lost/clean", "rows-lost/partitioned", "rows-lost/rebuilt",
                "fails-on-existing-data/reports", "fails-on-existing-data/synthetic-values-only")) {
            Path early = RuleFixtures.copy(RULES.resolve(fixture), temp.resolve(fixture).resolve("early"));
            Path late = RuleFixtures.copy(RULES.resolve(fixture), temp.resolve(fixture).resolve("late"));
            Files.writeString(late.resolve("V999__note.sql"), "SELECT 'user';\n");
            Files.writeString(early.resolve("V999__note.sql"), "SELECT 'note';\n");
            assertThat(EarlyRehearsal.independent(plainScripts(early))).as(fixture).isTrue();
            assertThat(EarlyRehearsal.independent(plainScripts(late))).as(fixture).isFalse();

            String earlyJson = TimelessJson.of(run(early));
            assertThat(earlyJson).as(fixture).isEqualTo(TimelessJson.of(run(late)));
        }
    }

    @Test
    void aMainRunThatFailsReportsItsOwnFailure() throws IOException {
        Path folder = temp.resolve("failing");
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("V1__t.sql"), "CREATE TABLE t (id bigint PRIMARY KEY, n text);\n");
        Files.writeString(folder.resolve("V2__broken.sql"), "ALTER TABLE t ADD COLUMN m text REFERENCES missing (id);\n");
        for (int i = 3; i < 40; i++) {
            Files.writeString(folder.resolve("V" + i + "__more.sql"), "ALTER TABLE t ADD COLUMN c" + i + " text;\n");
        }
        assertThatThrownBy(() -> run(folder)).isInstanceOf(MigrationException.class)
                .hasMessageContaining("V2__broken.sql").hasMessageContaining("missing");
    }

    private static AnalysisResult run(Path folder) {
        GuardConfig config = RuleFixtures.config(folder);
        return new DbGuard(SharedPostgres.scratchDatabases()).run(config, RunListener.SILENT);
    }

    private List<AppliedScript> scripts(String sql) throws IOException {
        Path folder = Files.createTempDirectory(temp, "scripts");
        Files.writeString(folder.resolve("V1__s.sql"), sql);
        return plainScripts(folder);
    }

    private static List<AppliedScript> plainScripts(Path folder) {
        List<AppliedScript> scripts = new ArrayList<>();
        for (var migration : MigrationDiscovery.discover(List.of(folder))) {
            scripts.add(new AppliedScript(scripts.size(), migration, SqlScriptReader.read(migration, RunListener.SILENT)));
        }
        return scripts;
    }
}
