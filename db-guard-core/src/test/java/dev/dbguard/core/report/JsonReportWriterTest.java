package dev.dbguard.core.report;

import dev.dbguard.core.api.ProbeCoverage;
import dev.dbguard.core.api.AppliedMigration;
import dev.dbguard.core.api.Finding;
import dev.dbguard.core.api.Severity;
import dev.dbguard.core.api.SourceRef;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonReportWriterTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final JsonReportWriter writer = new JsonReportWriter();

    static AnalysisResult sampleResult() {
        List<Finding> findings = List.of(
                new Finding("rls-disabled", Severity.ERROR, "public.garages", null, null,
                        new SourceRef("V2__garages.sql", 1), "RLS is disabled on public.garages",
                        "ALTER TABLE public.garages ENABLE ROW LEVEL SECURITY;",
                        "ALTER TABLE public.garages DISABLE ROW LEVEL SECURITY;", false),
                new Finding("tenant-column-missing", Severity.ERROR, "public.vehicle_events", null, null,
                        new SourceRef("V3__events.sql", 4), "public.vehicle_events has no tenant column",
                        "ALTER TABLE public.vehicle_events ADD COLUMN tenant_id uuid;", null, false),
                new Finding("tenant-column-unindexed", Severity.WARNING, "public.garages", "tenant_id", null,
                        new SourceRef("V2__garages.sql", 1), "no index starts with public.garages.tenant_id",
                        null, null, true),
                new Finding("app-role-owns-tables", Severity.WARNING, null, null, "app",
                        null, "role app owns tenant tables", null, null, false),
                new Finding("naming-drift", Severity.INFO, "public.vehicles", "nickname", null,
                        new SourceRef("V1__init.sql", 12), "synonym columns label, nickname, display_name",
                        "SELECT count(*) FROM public.vehicles WHERE label <> nickname;", null, false));
        return new AnalysisResult("0.1.0", "17.2",
                List.of(new AppliedMigration("V1__init.sql", "1", 12, 31),
                        new AppliedMigration("R__views.sql", null, 2, 5)),
                findings, 1834);
    }

    @Test
    void writesEveryKeyInTheDocumentedShapeAndOrder(@TempDir Path dir) throws Exception {
        Path file = writer.write(sampleResult(), dir.resolve("db-guard"));

        assertThat(file).isEqualTo(dir.resolve("db-guard").resolve("db-guard.json"));
        JsonNode root = MAPPER.readTree(file.toFile());
        assertThat(fieldNames(root)).containsExactly("tool", "postgres", "migrations", "findings", "probe", "summary");
        assertThat(root.get("probe").isNull()).as("the probe did not run").isTrue();

        assertThat(fieldNames(root.get("tool"))).containsExactly("name", "version");
        assertThat(root.get("tool").get("name").asText()).isEqualTo("db-guard");
        assertThat(root.get("tool").get("version").asText()).isEqualTo("0.1.0");
        assertThat(root.get("postgres").asText()).isEqualTo("17.2");

        JsonNode migrations = root.get("migrations");
        assertThat(migrations).hasSize(2);
        assertThat(fieldNames(migrations.get(0))).containsExactly("file", "version", "statements", "millis");
        assertThat(migrations.get(0).get("file").asText()).isEqualTo("V1__init.sql");
        assertThat(migrations.get(0).get("version").asText()).isEqualTo("1");
        assertThat(migrations.get(0).get("statements").asInt()).isEqualTo(12);
        assertThat(migrations.get(0).get("millis").asLong()).isEqualTo(31);
        assertThat(migrations.get(1).get("version").isNull()).isTrue();

        JsonNode findings = root.get("findings");
        assertThat(findings).hasSize(5);
        for (JsonNode finding : findings) {
            assertThat(fieldNames(finding)).containsExactly("rule", "severity", "table", "column", "file", "line",
                    "message", "fix", "rollback", "suppressed");
        }
        // Finding.REPORT_ORDER: by file, then line, then rule; findings without a place last
        assertThat(findings.findValuesAsText("rule")).containsExactly(
                "naming-drift", "rls-disabled", "tenant-column-unindexed", "tenant-column-missing",
                "app-role-owns-tables");

        JsonNode rls = findings.get(1);
        assertThat(rls.get("severity").asText()).isEqualTo("ERROR");
        assertThat(rls.get("table").asText()).isEqualTo("public.garages");
        assertThat(rls.get("column").isNull()).isTrue();
        assertThat(rls.get("file").asText()).isEqualTo("V2__garages.sql");
        assertThat(rls.get("line").isInt()).isTrue();
        assertThat(rls.get("line").asInt()).isEqualTo(1);
        assertThat(rls.get("message").asText()).isEqualTo("RLS is disabled on public.garages");
        assertThat(rls.get("fix").asText()).isEqualTo("ALTER TABLE public.garages ENABLE ROW LEVEL SECURITY;");
        assertThat(rls.get("rollback").asText()).isEqualTo("ALTER TABLE public.garages DISABLE ROW LEVEL SECURITY;");
        assertThat(rls.get("suppressed").asBoolean()).isFalse();

        JsonNode suppressed = findings.get(2);
        assertThat(suppressed.get("column").asText()).isEqualTo("tenant_id");
        assertThat(suppressed.get("fix").isNull()).isTrue();
        assertThat(suppressed.get("suppressed").asBoolean()).isTrue();

        JsonNode placeless = findings.get(4);
        assertThat(placeless.get("table").isNull()).isTrue();
        assertThat(placeless.get("file").isNull()).isTrue();
        assertThat(placeless.get("line").isNull()).isTrue();
        assertThat(placeless.get("severity").asText()).isEqualTo("WARNING");

        JsonNode summary = root.get("summary");
        assertThat(fieldNames(summary)).containsExactly("ERROR", "WARNING", "INFO", "suppressed");
        assertThat(summary.get("ERROR").asInt()).isEqualTo(2);
        assertThat(summary.get("WARNING").asInt()).isEqualTo(1);
        assertThat(summary.get("INFO").asInt()).isEqualTo(1);
        assertThat(summary.get("suppressed").asInt()).isEqualTo(1);
    }

    @Test
    void theProbeObjectGivesTheCoverageInTheDocumentedOrder() throws Exception {
        AnalysisResult result = sampleResult().withProbe(new ProbeCoverage(70, 68, 2, List.of("public.invoices")));

        JsonNode probe = MAPPER.readTree(writer.toBytes(result)).get("probe");

        assertThat(fieldNames(probe)).containsExactly("tenantTables", "probed", "skipped");
        assertThat(probe.get("tenantTables").asInt()).isEqualTo(70);
        assertThat(probe.get("probed").asInt()).isEqualTo(68);
        assertThat(probe.get("skipped").asInt()).isEqualTo(2);
    }

    @Test
    void sameInputGivesTheSameBytesWhateverTheFindingOrder(@TempDir Path dir) throws Exception {
        AnalysisResult result = sampleResult();
        List<Finding> reversed = new ArrayList<>(result.findings());
        java.util.Collections.reverse(reversed);
        AnalysisResult shuffled = new AnalysisResult(result.toolVersion(), result.postgresVersion(),
                result.migrations(), reversed, result.millis());

        byte[] first = Files.readAllBytes(writer.write(result, dir));
        byte[] second = Files.readAllBytes(writer.write(shuffled, dir));

        assertThat(second).isEqualTo(first);
        assertThat(first).isEqualTo(writer.toBytes(result));
    }

    @Test
    void isPrettyPrintedWithUnixLineEnds() {
        String text = new String(writer.toBytes(sampleResult()), StandardCharsets.UTF_8);

        assertThat(text).startsWith("{\n  \"tool\": {\n    \"name\": \"db-guard\",");
        assertThat(text).contains("\"column\": null,");
        assertThat(text).doesNotContain("\r");
        assertThat(text).endsWith("}\n");
    }

    @Test
    void anEmptyRunStillHasEveryTopLevelKey() throws Exception {
        AnalysisResult empty = new AnalysisResult("0.1.0", "17.2", List.of(), List.of(), 0);

        String text = new String(writer.toBytes(empty), StandardCharsets.UTF_8);
        JsonNode root = MAPPER.readTree(text);

        assertThat(text).contains("\"migrations\": [],").contains("\"findings\": [],");
        assertThat(root.get("migrations").isArray()).isTrue();
        assertThat(root.get("findings").isArray()).isTrue();
        assertThat(fieldNames(root.get("summary"))).containsExactly("ERROR", "WARNING", "INFO", "suppressed");
        assertThat(root.get("summary").get("ERROR").asInt()).isZero();
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }
}
