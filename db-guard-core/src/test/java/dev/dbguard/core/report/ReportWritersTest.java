package dev.dbguard.core.report;

import dev.dbguard.core.api.FailThreshold;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportWritersTest {

    @Test
    void parsesFormatNamesInAnyCaseAndCommaSeparated() {
        assertThat(ReportFormat.parse(List.of(ReportFormat.DEFAULT))).containsExactly(ReportFormat.values());
        assertThat(ReportFormat.parse(List.of(" SARIF", "junit, json ", ""))).containsExactly(
                ReportFormat.JSON, ReportFormat.SARIF, ReportFormat.JUNIT);
        assertThat(ReportFormat.parse(List.of())).isEmpty();
    }

    @Test
    void anUnknownFormatNamesItselfAndTheAcceptedOnes() {
        assertThatThrownBy(() -> ReportFormat.parse(List.of("json,pdf")))
                .isInstanceOf(dev.dbguard.core.api.InvalidParameterException.class)
                .hasMessage("formats: unknown report format 'pdf': use json, sarif, junit, html");
    }

    @Test
    void writesJsonAlwaysAndEachAskedFormatThatHasAWriter(@TempDir Path dir) {
        AnalysisResult result = JsonReportWriterTest.sampleResult();
        ReportContext context = new ReportContext(dir, dir, List.of(dir), FailThreshold.ERROR, Set.of());

        Map<ReportFormat, Path> onlySarif = ReportWriters.builtIn().write(result, context, EnumSet.of(ReportFormat.SARIF));
        assertThat(onlySarif.keySet()).containsExactly(ReportFormat.JSON, ReportFormat.SARIF);
        assertThat(dir.resolve("db-guard.json")).isRegularFile();
        assertThat(dir.resolve("db-guard.sarif")).isRegularFile();
        assertThat(dir.resolve("TEST-db-guard.xml")).doesNotExist();

        Map<ReportFormat, Path> all = ReportWriters.builtIn().write(result, context, EnumSet.allOf(ReportFormat.class));
        for (Map.Entry<ReportFormat, Path> written : all.entrySet()) {
            assertThat(written.getValue()).isEqualTo(dir.resolve(written.getKey().fileName())).isRegularFile();
        }
        // html is accepted; it is written once a writer for it is registered
        assertThat(all.containsKey(ReportFormat.HTML)).isEqualTo(ReportWriters.builtIn().writer(ReportFormat.HTML).isPresent());
        assertThat(all.keySet()).contains(ReportFormat.JSON, ReportFormat.SARIF, ReportFormat.JUNIT);
    }

    @Test
    void aFileThatCannotBeWrittenIsAnErrorNamingIt(@TempDir Path dir) throws Exception {
        Path blocked = Files.writeString(dir.resolve("not-a-directory"), "");
        ReportContext context = new ReportContext(blocked, dir, List.of(dir), FailThreshold.ERROR, Set.of());
        assertThatThrownBy(() -> new SarifReportWriter().write(JsonReportWriterTest.sampleResult(), context))
                .isInstanceOf(dev.dbguard.core.api.DbGuardException.class)
                .hasMessageContaining("cannot write the SARIF report " + blocked.resolve("db-guard.sarif"));
    }
}
