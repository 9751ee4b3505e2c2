package dev.dbguard.core.report;

import dev.dbguard.core.api.FailThreshold;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dbguard.core.testing.TimelessJson;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The same migrations give the same report bytes. The JSON contract (docs/DESIGN.md) includes each migration's
 * {@code millis}, how long PostgreSQL took to apply it: a measurement, so the JSON is compared with those values
 * set to 0 and everything else byte for byte. SARIF and the baseline hold no timing and are compared whole.
 */
class ReportDeterminismTest {

    private static final Path MIXED = ReportFixtures.ROOT.resolve("mixed");

    @Test
    void twoRunsOnTheSameMigrationsWriteTheSameBytes() {
        AnalysisResult first = ReportFixtures.run(MIXED);
        AnalysisResult second = ReportFixtures.run(MIXED);
        assertThat(first.findings()).isNotEmpty();

        JsonReportWriter json = new JsonReportWriter();
        String firstJson = new String(json.toBytes(first), StandardCharsets.UTF_8);
        String secondJson = new String(json.toBytes(second), StandardCharsets.UTF_8);
        assertThat(firstJson).contains("\"millis\": ");
        assertThat(TimelessJson.of(secondJson)).isEqualTo(TimelessJson.of(firstJson));
        // the timings are the only difference allowed: both runs list the same migrations and statements
        assertThat(second.migrations().stream().map(m -> m.file() + ":" + m.statements()).toList())
                .isEqualTo(first.migrations().stream().map(m -> m.file() + ":" + m.statements()).toList());

        ReportContext context = new ReportContext(Path.of("target"), Path.of(""), List.of(MIXED),
                FailThreshold.ERROR, Set.of());
        assertThat(new SarifReportWriter().toBytes(second, context))
                .isEqualTo(new SarifReportWriter().toBytes(first, context));
        assertThat(Baseline.of(second).toBytes()).isEqualTo(Baseline.of(first).toBytes());
        assertThat(second.examined()).isEqualTo(first.examined());
    }
}
