package dev.dbguard.core.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbguard.core.DbGuard;
import dev.dbguard.core.api.GuardConfig;
import dev.dbguard.core.api.RunListener;
import dev.dbguard.core.postgres.DatabaseProvisioner;
import dev.dbguard.core.report.AnalysisResult;
import dev.dbguard.core.testing.RecordedLines;
import dev.dbguard.core.testing.RuleFixtures;
import dev.dbguard.core.testing.SharedPostgres;
import dev.dbguard.core.testing.TimelessJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A verdict from the cache is the verdict a cold run gives: the JSON report of a warm run (no PostgreSQL started)
 * and of a run after a migration was added are compared byte for byte with runs without the cache, each
 * migration's {@code millis} (a measurement, the only field of the report that is one) set to 0.
 */
class VerdictCacheTest {

    private static final Path MIXED = Path.of("src", "test", "resources", "reports", "mixed");

    @TempDir
    Path temp;

    /** Counts the servers asked for: a verdict from the cache asks for none. */
    private static final class Counting implements DatabaseProvisioner {
        final AtomicInteger provisioned = new AtomicInteger();
        private final DatabaseProvisioner delegate = SharedPostgres.scratchDatabases();

        @Override
        public dev.dbguard.core.postgres.ThrowawayPostgres provision(GuardConfig config, RunListener listener) {
            provisioned.incrementAndGet();
            return delegate.provision(config, listener);
        }
    }


    @Test
    void coldWarmAndOneMigrationAddedGiveTheReportsOfColdRuns() throws IOException {
        Path migrations = RuleFixtures.copy(MIXED, temp.resolve("migrations"));
        GuardConfig config = RuleFixtures.config(migrations);
        VerdictCache cache = new VerdictCache(temp.resolve("cache"));
        Counting counting = new Counting();

        RecordedLines coldLines = new RecordedLines();
        AnalysisResult cold = cached(cache, config, counting, coldLines);
        assertThat(counting.provisioned).hasValue(1);
        assertThat(coldLines.progress).noneMatch(line -> line.startsWith("verdict from the cache"));
        assertThat(cold.findings()).isNotEmpty();

        RecordedLines warmLines = new RecordedLines();
        AnalysisResult warm = cached(cache, config, counting, warmLines);
        assertThat(counting.provisioned).as("servers provisioned after the warm run").hasValue(1);
        assertThat(warmLines.progress).anyMatch(line -> line.startsWith("verdict from the cache"));
        assertThat(warmLines.warnings).isEmpty();
        assertThat(TimelessJson.of(warm)).isEqualTo(TimelessJson.of(uncached(config)));

        Files.writeString(migrations.resolve("V5__notes.sql"),
                "CREATE TABLE notes (id bigint PRIMARY KEY, tenant_id uuid NOT NULL REFERENCES tenants (id), body text);\n");
        RecordedLines addedLines = new RecordedLines();
        AnalysisResult added = cached(cache, config, counting, addedLines);
        assertThat(counting.provisioned).as("a migration added runs the analysis").hasValue(2);
        assertThat(addedLines.progress).noneMatch(line -> line.startsWith("verdict from the cache"));
        assertThat(added.migrations()).hasSize(cold.migrations().size() + 1);
        assertThat(TimelessJson.of(added)).isEqualTo(TimelessJson.of(uncached(config))).isNotEqualTo(TimelessJson.of(cold));

        // the same again is warm, and a changed setting is not
        cached(cache, config, counting, new RecordedLines());
        assertThat(counting.provisioned).hasValue(2);
        cached(cache, config.toBuilder().rule("rls-not-forced", "off").build(), counting, new RecordedLines());
        assertThat(counting.provisioned).hasValue(3);
    }

    @Test
    void aDamagedEntryIsAWarningAndTheAnalysisRuns() throws IOException {
        GuardConfig config = RuleFixtures.config(RuleFixtures.copy(MIXED, temp.resolve("migrations")));
        VerdictCache cache = new VerdictCache(temp.resolve("cache"));
        Counting counting = new Counting();
        AnalysisResult cold = cached(cache, config, counting, new RecordedLines());

        Path entry;
        try (Stream<Path> files = Files.list(cache.directory())) {
            entry = files.filter(f -> f.toString().endsWith(".json")).findFirst().orElseThrow();
        }
        Files.writeString(entry, "{\"key\": \"" + key(config) + "\", \"result\": {\"findings\": [tru");

        RecordedLines lines = new RecordedLines();
        AnalysisResult again = cached(cache, config, counting, lines);
        assertThat(lines.warnings).singleElement().asString()
                .contains("cannot be read").contains(entry.toString()).contains("running the analysis");
        assertThat(counting.provisioned).hasValue(2);
        assertThat(TimelessJson.of(again)).isEqualTo(TimelessJson.of(cold));

        // the run kept a whole entry again: the next one is warm
        RecordedLines warm = new RecordedLines();
        cached(cache, config, counting, warm);
        assertThat(counting.provisioned).hasValue(2);
        assertThat(warm.warnings).isEmpty();
    }

    @Test
    void theOldestEntriesAreEvictedPastTheBound() throws IOException {
        Path migrations = RuleFixtures.copy(MIXED, temp.resolve("migrations"));
        VerdictCache cache = new VerdictCache(temp.resolve("cache"), 2);
        Counting counting = new Counting();
        List<GuardConfig> configs = List.of(RuleFixtures.config(migrations),
                RuleFixtures.config(migrations).toBuilder().rule("rls-not-forced", "off").build(),
                RuleFixtures.config(migrations).toBuilder().rule("rls-not-forced", "INFO").build());
        for (GuardConfig config : configs) {
            cached(cache, config, counting, new RecordedLines());
        }
        try (Stream<Path> files = Files.list(cache.directory())) {
            assertThat(files.map(f -> f.getFileName().toString()).toList())
                    .containsExactlyInAnyOrder(key(configs.get(1)) + ".json", key(configs.get(2)) + ".json");
        }
    }

    private static AnalysisResult cached(VerdictCache cache, GuardConfig config, DatabaseProvisioner provisioner,
                                         RunListener listener) {
        return cache.analyse(key(config), said -> new DbGuard(provisioner).run(config, said), listener);
    }

    private static String key(GuardConfig config) {
        return VerdictKey.embedded(config, List.of());
    }

    private static AnalysisResult uncached(GuardConfig config) {
        return new DbGuard(SharedPostgres.scratchDatabases()).run(config, RunListener.SILENT);
    }
}
