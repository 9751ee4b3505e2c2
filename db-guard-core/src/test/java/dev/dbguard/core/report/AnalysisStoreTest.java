package dev.dbguard.core.report;

import dev.dbguard.core.api.ProbeCoverage;
import dev.dbguard.core.api.FailThreshold;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dbguard.core.api.GuardConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnalysisStoreTest {

    @TempDir
    Path dir;

    private GuardConfig config(Path migrations) {
        return GuardConfig.builder().migration(migrations).reportDirectory(dir.resolve("reports"))
                .rule("rls-disabled", "WARNING").rule("naming-drift", "off").build();
    }

    @Test
    void theStoredResultReadsBackWhole() throws IOException {
        Path migrations = Files.createDirectories(dir.resolve("migration"));
        Files.writeString(migrations.resolve("V1__init.sql"), "CREATE TABLE t (id int);\n");
        AnalysisStore store = new AnalysisStore(dir.resolve("reports"));
        AnalysisResult result = HtmlReportWriterTest.sampleResult()
                .withProbe(new ProbeCoverage(3, 2, 1, java.util.List.of("public.settings")));

        store.write(result, config(migrations));

        assertThat(store.file()).isRegularFile();
        assertThat(store.readIfCurrent(config(migrations))).contains(result);
    }

    @Test
    void anyChangeToTheInputsMakesItStale() throws IOException {
        Path migrations = Files.createDirectories(dir.resolve("migration"));
        Path v1 = Files.writeString(migrations.resolve("V1__init.sql"), "CREATE TABLE t (id int);\n");
        AnalysisStore store = new AnalysisStore(dir.resolve("reports"));
        store.write(HtmlReportWriterTest.sampleResult(), config(migrations));

        // what only decides what happens with the result does not matter
        assertThat(store.readIfCurrent(config(migrations).toBuilder()
                .failOnSeverity(FailThreshold.NEVER).build())).isPresent();
        // settings
        assertThat(store.readIfCurrent(config(migrations).toBuilder().schemas(java.util.List.of("app")).build()))
                .isEmpty();
        assertThat(store.readIfCurrent(config(migrations).toBuilder().rule("rls-disabled", "ERROR").build()))
                .isEmpty();
        // a migration's contents, a new migration
        Files.writeString(v1, "CREATE TABLE t (id bigint);\n");
        assertThat(store.readIfCurrent(config(migrations))).isEmpty();
        store.write(HtmlReportWriterTest.sampleResult(), config(migrations));
        assertThat(store.readIfCurrent(config(migrations))).isPresent();
        Files.writeString(migrations.resolve("V2__more.sql"), "CREATE TABLE u (id int);\n");
        assertThat(store.readIfCurrent(config(migrations))).isEmpty();
    }

    @Test
    void aFileASettingNamesCountsByItsContents() throws IOException {
        Path migrations = Files.createDirectories(dir.resolve("migration"));
        Path named = Files.writeString(dir.resolve("named.bin"), "one");
        GuardConfig config = config(migrations).toBuilder().postgresBinaries(named).build();
        AnalysisStore store = new AnalysisStore(dir.resolve("reports"));
        store.write(HtmlReportWriterTest.sampleResult(), config);

        assertThat(store.readIfCurrent(config)).isPresent();
        Files.writeString(named, "two");
        assertThat(store.readIfCurrent(config)).isEmpty();
    }

    @Test
    void aMissingOrDamagedFileIsNotAResult() throws IOException {
        Path migrations = Files.createDirectories(dir.resolve("migration"));
        AnalysisStore store = new AnalysisStore(dir.resolve("reports"));

        assertThat(store.readIfCurrent(config(migrations))).isEmpty();
        Files.createDirectories(store.file().getParent());
        Files.writeString(store.file(), "{\"fingerprint\": ");
        assertThat(store.readIfCurrent(config(migrations))).isEmpty();
    }
}
