package dev.dbguard.core.report;

import dev.dbguard.core.api.FailThreshold;
import dev.dbguard.core.api.Finding;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dbguard.core.api.DbGuardException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BaselineTest {

    private static final Path MIXED = ReportFixtures.ROOT.resolve("mixed");

    private static AnalysisResult result;

    @BeforeAll
    static void run() {
        result = ReportFixtures.run(MIXED);
    }

    @Test
    void acceptsEveryFindingItWasMadeFromAndWritesTheSameBytesAgain(@TempDir Path dir) {
        Baseline baseline = Baseline.of(result);
        long open = result.findings().stream().filter(f -> !f.suppressed()).count();
        assertThat(baseline.entries()).hasSize((int) open);

        Path file = baseline.write(dir.resolve("db-guard-baseline.json"));
        Baseline read = Baseline.read(file);
        assertThat(read.entries()).isEqualTo(baseline.entries());
        assertThat(read.toBytes()).isEqualTo(baseline.toBytes());

        Baseline.Applied applied = read.apply(result);
        assertThat(applied.result().findings()).allMatch(Finding::suppressed);
        assertThat(applied.result().failing(FailThreshold.parse("INFO"))).isEmpty();
        assertThat(applied.baselined()).hasSize((int) open);
        assertThat(applied.stale()).isEmpty();
        assertThat(applied.result().summary().get("suppressed")).isEqualTo(result.findings().size());
    }

    @Test
    void keysHoldRuleAndObjectNeverLines() {
        String text = new String(Baseline.of(result).toBytes(), StandardCharsets.UTF_8);
        assertThat(text).doesNotContain("\"line\"").contains("\"rule\": \"tenant-column-missing\"")
                .contains("\"table\": \"public.vehicle_events\"");
        // a per-migration finding names its migration; a final-schema finding does not
        assertThat(Baseline.of(result).entries()).anySatisfy(e -> {
            assertThat(e.rule()).isEqualTo("index-not-concurrent");
            assertThat(e.migration()).isEqualTo("V4__cleanup.sql");
            assertThat(e.object()).isEqualTo("vehicles_plate_idx");
        }).allSatisfy(e -> {
            if (e.rule().startsWith("tenant-column") || e.rule().startsWith("rls")) {
                assertThat(e.migration()).isNull();
            }
        });
    }

    @Test
    void theSameFindingsInAnotherOrderGiveTheSameBytes() {
        List<Finding> shuffled = new ArrayList<>(result.findings());
        Collections.reverse(shuffled);
        AnalysisResult reversed = result.withFindings(shuffled);
        assertThat(Baseline.of(reversed).toBytes()).isEqualTo(Baseline.of(result).toBytes());
    }

    @Test
    void onlyNewFindingsStayOpenAndMovedLinesStayBaselined(@TempDir Path dir) throws Exception {
        Path project = ReportFixtures.shifted(MIXED, dir.resolve("migrations"), 3);
        Files.writeString(project.resolve("V5__archive.sql"), """
                CREATE INDEX vehicle_events_happened_at_idx ON vehicle_events (happened_at);
                TRUNCATE vehicle_events;
                """);
        AnalysisResult later = ReportFixtures.run(project);

        Baseline.Applied applied = Baseline.of(result).apply(later);
        List<Finding> open = applied.result().findings().stream().filter(f -> !f.suppressed()).toList();
        assertThat(open).isNotEmpty().allSatisfy(f -> assertThat(f.source().file()).isEqualTo("V5__archive.sql"));
        assertThat(open).extracting(Finding::rule).contains("destructive-statement", "index-not-concurrent");
        assertThat(applied.stale()).isEmpty();
        assertThat(applied.result().summary().get("suppressed"))
                .isEqualTo(later.findings().size() - open.size());
    }

    @Test
    void entriesThatMatchNothingAreStale(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("db-guard-baseline.json");
        String written = new String(Baseline.of(result).toBytes(), StandardCharsets.UTF_8);
        Files.writeString(file, written.replace("\"findings\": [", """
                "findings": [
                    {"rule": "rls-disabled", "table": "public.dropped_long_ago", "column": null, "object": null, "migration": null},"""));
        Baseline.Applied applied = Baseline.read(file).apply(result);
        assertThat(applied.stale()).containsExactly(
                new FindingKey("rls-disabled", "public.dropped_long_ago", null, null, null));
        assertThat(applied.result().findings()).allMatch(Finding::suppressed);
    }

    @Test
    void aMalformedFileIsAnErrorNamingIt(@TempDir Path dir) throws Exception {
        Path notJson = dir.resolve("broken.json");
        Files.writeString(notJson, "{\"findings\": [");
        assertThatThrownBy(() -> Baseline.read(notJson)).isInstanceOf(DbGuardException.class)
                .hasMessageContaining("malformed baseline file " + notJson).hasMessageContaining("not valid JSON");

        Path noFindings = dir.resolve("empty.json");
        Files.writeString(noFindings, "{}");
        assertThatThrownBy(() -> Baseline.read(noFindings)).hasMessageContaining(noFindings.toString())
                .hasMessageContaining("no \"findings\" array");

        Path noRule = dir.resolve("norule.json");
        Files.writeString(noRule, "{\"findings\": [{\"table\": \"public.t\"}]}");
        assertThatThrownBy(() -> Baseline.read(noRule)).hasMessageContaining("findings[0] has no \"rule\"");

        Path badType = dir.resolve("badtype.json");
        Files.writeString(badType, "{\"findings\": [{\"rule\": \"rls-disabled\", \"table\": 3}]}");
        assertThatThrownBy(() -> Baseline.read(badType)).hasMessageContaining("findings[0].table is 3");
    }
}
