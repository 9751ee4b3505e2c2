package dev.dbguard.core.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbguard.core.api.RunListener;
import dev.dbguard.core.report.AnalysisResult;
import dev.dbguard.core.api.AppliedMigration;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cache's files: shared by builds at once, never a reason to fail. No PostgreSQL: the verdicts are made up. */
class VerdictCacheFilesTest {

    @TempDir
    Path temp;

    private static final class Warnings implements RunListener {
        final List<String> lines = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void progress(String message) {
        }

        @Override
        public void warning(String message) {
            lines.add(message);
        }
    }

    /** A verdict of {@code n} migrations, large enough that a half-written file would be seen. */
    private static AnalysisResult verdict(int n) {
        List<AppliedMigration> migrations = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            migrations.add(new AppliedMigration("V" + i + "__m.sql", String.valueOf(i), 3, i));
        }
        return new AnalysisResult("0.1.0", "17.2", migrations, List.of(), n);
    }

    @Test
    void buildsWritingAndReadingOneKeyAtOnceSeeWholeEntries() throws Exception {
        Path directory = temp.resolve("cache");
        Warnings warnings = new Warnings();
        AtomicInteger ran = new AtomicInteger();
        ExecutorService builds = Executors.newFixedThreadPool(4);
        try {
            List<Future<AnalysisResult>> results = new ArrayList<>();
            for (int build = 0; build < 40; build++) {
                int size = 2_000 + build;
                // each build its own VerdictCache, as separate Maven processes have
                results.add(builds.submit(() -> {
                    VerdictCache cache = new VerdictCache(directory);
                    AnalysisResult result = cache.analyse("k", said -> {
                        ran.incrementAndGet();
                        return verdict(size);
                    }, warnings);
                    cache.write("k", verdict(size), List.of(), warnings); // and keep writing over each other
                    return result;
                }));
            }
            for (Future<AnalysisResult> result : results) {
                assertThat(result.get().migrations().size()).isBetween(2_000, 2_039);
            }
        } finally {
            builds.shutdown();
        }
        assertThat(warnings.lines).isEmpty();
        assertThat(ran.get()).isBetween(1, 40);
        try (Stream<Path> files = Files.list(directory)) {
            assertThat(files.map(f -> f.getFileName().toString()).toList()).containsExactly("k.json");
        }
    }

    @Test
    void theWarningsOfTheRunAreSaidAgainWithTheCachedVerdict() {
        VerdictCache cache = new VerdictCache(temp.resolve("cache"));
        Warnings cold = new Warnings();
        cache.analyse("k", said -> {
            said.warning("V3__empty.sql is empty");
            return verdict(3);
        }, cold);
        Warnings warm = new Warnings();

        cache.analyse("k", said -> {
            throw new AssertionError("nothing changed, yet the analysis ran");
        }, warm);

        assertThat(cold.lines).containsExactly("V3__empty.sql is empty");
        assertThat(warm.lines).containsExactly("V3__empty.sql is empty");
    }

    @Test
    void aFolderThatCannotBeWrittenIsAWarning() throws IOException {
        Path notAFolder = Files.writeString(temp.resolve("cache"), "a file where the folder should be");
        Warnings warnings = new Warnings();
        VerdictCache cache = new VerdictCache(notAFolder);

        AnalysisResult result = cache.analyse("k", said -> verdict(1), warnings);

        assertThat(result.migrations()).hasSize(1);
        assertThat(warnings.lines).singleElement().asString().contains("cannot keep the verdict in the cache")
                .contains(notAFolder.toString());
    }

    @Test
    void anEntryOfOtherInputsIsIgnored() throws IOException {
        Path directory = temp.resolve("cache");
        VerdictCache cache = new VerdictCache(directory);
        cache.write("a", verdict(1), List.of(), RunListener.SILENT);
        Files.move(directory.resolve("a.json"), directory.resolve("b.json"));
        Warnings warnings = new Warnings();

        AnalysisResult result = cache.analyse("b", said -> verdict(2), warnings);

        assertThat(result.migrations()).hasSize(2);
        assertThat(warnings.lines).singleElement().asString().contains("does not belong to these inputs");
    }
}
