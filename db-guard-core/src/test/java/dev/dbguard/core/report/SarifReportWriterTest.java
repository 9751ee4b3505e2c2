package dev.dbguard.core.report;

import dev.dbguard.core.api.Finding;
import dev.dbguard.core.api.Severity;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.InputFormat;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.dbguard.core.rules.BuiltInRules;
import dev.dbguard.core.rules.Rule;
import dev.dbguard.core.rules.RuleDocs;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SarifReportWriterTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Path MIXED = ReportFixtures.ROOT.resolve("mixed");

    private static JsonSchema schema;
    private static AnalysisResult result;

    @BeforeAll
    static void setUp() throws Exception {
        try (InputStream in = SarifReportWriterTest.class.getResourceAsStream("/sarif/sarif-schema-2.1.0.json")) {
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7)
                    .getSchema(new String(in.readAllBytes(), StandardCharsets.UTF_8), InputFormat.JSON);
        }
        result = ReportFixtures.run(MIXED);
    }

    private static ReportContext context(Path reportDirectory, Path base) {
        return ReportContext.of(ReportFixtures.config(MIXED), base).withBaselined(Set.of())
                .withReportDirectory(reportDirectory);
    }

    @Test
    void aRealRunIsValidSarif210(@TempDir Path dir) throws Exception {
        Path file = new SarifReportWriter().write(result, context(dir, Path.of("").toAbsolutePath()));

        assertThat(file).isEqualTo(dir.resolve("db-guard.sarif"));
        Set<ValidationMessage> errors = schema.validate(Files.readString(file), InputFormat.JSON);
        assertThat(errors).as("schema errors").isEmpty();
    }

    @Test
    void theSchemaRejectsWhatIsNotSarif() {
        // the validator really checks: a log without runs, and a result with an unknown level, are refused
        assertThat(schema.validate("{\"version\": \"2.1.0\"}", InputFormat.JSON)).isNotEmpty();
        assertThat(schema.validate("{\"version\": \"2.1.0\", \"runs\": [{\"tool\": {\"driver\": {\"name\": \"x\"}},"
                + " \"results\": [{\"message\": {\"text\": \"m\"}, \"level\": \"fatal\"}]}]}", InputFormat.JSON))
                .isNotEmpty();
    }

    @Test
    void describesEveryBuiltInRuleWithItsSummaryAndPage(@TempDir Path dir) throws Exception {
        JsonNode driver = sarif(dir).get("runs").get(0).get("tool").get("driver");
        assertThat(driver.get("name").asText()).isEqualTo("db-guard");
        JsonNode rules = driver.get("rules");
        assertThat(rules).hasSize(BuiltInRules.all().size());
        for (int i = 0; i < rules.size(); i++) {
            Rule rule = BuiltInRules.all().get(i);
            JsonNode descriptor = rules.get(i);
            assertThat(descriptor.get("id").asText()).isEqualTo(rule.id());
            assertThat(descriptor.get("shortDescription").get("text").asText()).isEqualTo(rule.definition().summary());
            assertThat(descriptor.get("helpUri").asText()).isEqualTo(RuleDocs.BASE_URI + rule.id() + ".md");
            assertThat(descriptor.get("fullDescription").get("text").asText())
                    .isEqualTo(RuleDocs.rationale(rule.id()).orElseThrow());
            assertThat(descriptor.get("help").get("markdown").asText()).startsWith("# " + rule.id() + "\n");
            assertThat(descriptor.get("defaultConfiguration").get("level").asText())
                    .isEqualTo(SarifReportWriter.level(rule.defaultSeverity()));
        }
    }

    @Test
    void oneResultPerFindingWithLevelPlaceAndSuppression(@TempDir Path dir) throws Exception {
        JsonNode run = sarif(dir).get("runs").get(0);
        JsonNode results = run.get("results");
        assertThat(results).hasSize(result.findings().size());
        assertThat(result.findings()).anyMatch(Finding::suppressed).anyMatch(f -> !f.suppressed())
                .anyMatch(f -> f.table() == null).anyMatch(f -> f.severity() == Severity.WARNING);

        for (int i = 0; i < results.size(); i++) {
            Finding finding = result.findings().get(i);
            JsonNode sarif = results.get(i);
            assertThat(sarif.get("ruleId").asText()).isEqualTo(finding.rule());
            JsonNode descriptor = run.get("tool").get("driver").get("rules").get(sarif.get("ruleIndex").asInt());
            assertThat(descriptor.get("id").asText()).isEqualTo(finding.rule());
            assertThat(sarif.get("level").asText()).isEqualTo(switch (finding.severity()) {
                case ERROR -> "error";
                case WARNING -> "warning";
                case INFO -> "note";
            });
            assertThat(sarif.get("message").get("text").asText()).isEqualTo(finding.message());

            JsonNode physical = sarif.get("locations").get(0).get("physicalLocation");
            // the migration, relative to the project root (the module directory the tests run in)
            assertThat(physical.get("artifactLocation").get("uri").asText())
                    .isEqualTo("src/test/resources/reports/mixed/" + finding.source().file());
            assertThat(Path.of(physical.get("artifactLocation").get("uri").asText())).isRegularFile();
            assertThat(physical.get("region").get("startLine").asInt()).isEqualTo(finding.source().line());

            if (finding.suppressed()) {
                assertThat(sarif.get("suppressions").get(0).get("kind").asText()).isEqualTo("inSource");
            } else {
                assertThat(sarif.has("suppressions")).isFalse();
            }
            String fingerprint = sarif.get("partialFingerprints").get(SarifReportWriter.FINGERPRINT).asText();
            assertThat(fingerprint).startsWith(finding.rule() + "|");
            assertThat(fingerprint).doesNotContain(":" + finding.source().line());
        }
    }

    @Test
    void fingerprintsIgnoreLineNumbers(@TempDir Path dir) throws Exception {
        AnalysisResult moved = ReportFixtures.run(ReportFixtures.shifted(MIXED, dir.resolve("moved"), 5));
        assertThat(moved.findings()).hasSameSizeAs(result.findings());
        assertThat(moved.findings().get(0).source().line()).isEqualTo(result.findings().get(0).source().line() + 5);

        ReportContext base = context(dir.resolve("a"), Path.of("").toAbsolutePath());
        JsonNode before = MAPPER.readTree(new SarifReportWriter().toBytes(result, base));
        JsonNode after = MAPPER.readTree(new SarifReportWriter().toBytes(moved, base));
        assertThat(fingerprints(after)).isEqualTo(fingerprints(before)).doesNotHaveDuplicates();
    }

    @Test
    void aBaselinedFindingIsAnExternalSuppression(@TempDir Path dir) throws Exception {
        Baseline.Applied applied = Baseline.of(result).apply(result);
        ReportContext context = context(dir, Path.of("").toAbsolutePath()).withBaselined(applied.baselined());
        JsonNode results = MAPPER.readTree(new SarifReportWriter().toBytes(applied.result(), context))
                .get("runs").get(0).get("results");
        List<String> kinds = new ArrayList<>();
        for (JsonNode sarif : results) {
            kinds.add(sarif.get("suppressions").get(0).get("kind").asText());
        }
        long inline = result.findings().stream().filter(Finding::suppressed).count();
        assertThat(kinds).filteredOn("inSource"::equals).hasSize((int) inline);
        assertThat(kinds).filteredOn("external"::equals).hasSize(result.findings().size() - (int) inline);
        assertThat(schema.validate(new String(new SarifReportWriter().toBytes(applied.result(), context),
                StandardCharsets.UTF_8), InputFormat.JSON)).isEmpty();
    }

    private static List<String> fingerprints(JsonNode sarif) {
        List<String> prints = new ArrayList<>();
        for (JsonNode result : sarif.get("runs").get(0).get("results")) {
            prints.add(result.get("partialFingerprints").get(SarifReportWriter.FINGERPRINT).asText());
        }
        return prints.stream().sorted().toList();
    }

    private static JsonNode sarif(Path dir) throws Exception {
        return MAPPER.readTree(new SarifReportWriter().write(result, context(dir, Path.of("").toAbsolutePath())).toFile());
    }
}
