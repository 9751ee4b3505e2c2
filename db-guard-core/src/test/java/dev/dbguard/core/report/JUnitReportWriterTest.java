package dev.dbguard.core.report;

import dev.dbguard.core.api.FailThreshold;
import dev.dbguard.core.api.Finding;
import dev.dbguard.core.api.Severity;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class JUnitReportWriterTest {

    private static final Path MIXED = ReportFixtures.ROOT.resolve("mixed");

    private static AnalysisResult result;

    @BeforeAll
    static void run() {
        result = ReportFixtures.run(MIXED);
    }

    private static Document write(Path dir, FailThreshold failOn) throws Exception {
        ReportContext context = new ReportContext(dir, Path.of("").toAbsolutePath(), List.of(MIXED), failOn, Set.of());
        Path file = new JUnitReportWriter().write(result, context);
        assertThat(file).isEqualTo(dir.resolve("TEST-db-guard.xml"));
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
    }

    @Test
    void oneTestCasePerRuleAndExaminedTableWithFailuresForWhatFailsTheBuild(@TempDir Path dir) throws Exception {
        Document xml = write(dir, FailThreshold.ERROR);
        Element suite = xml.getDocumentElement();
        assertThat(suite.getTagName()).isEqualTo("testsuite");
        assertThat(suite.getAttribute("name")).isEqualTo("db-guard");

        Map<String, Element> cases = cases(xml);
        // every rule x examined table is a test case
        int examined = 0;
        for (Map.Entry<String, SortedSet<String>> rule : result.examined().entrySet()) {
            for (String table : rule.getValue()) {
                assertThat(cases).containsKey("db-guard." + rule.getKey() + " " + table);
                examined++;
            }
        }
        assertThat(result.examined().get("rls-disabled")).contains("public.vehicles", "public.vehicle_events")
                .doesNotContain("public.tenants"); // the tenants table is global
        assertThat(result.examined().get("destructive-statement")).containsExactly("public.vehicles");
        // without appRole the app-role rules judge nothing, so they examined nothing
        assertThat(result.examined()).doesNotContainKey("app-role-owns-tables");
        assertThat(cases.size()).isGreaterThanOrEqualTo(examined);
        assertThat(Integer.parseInt(suite.getAttribute("tests"))).isEqualTo(cases.size());

        // failures: exactly the cases with an unsuppressed ERROR finding
        List<String> expectedFailures = new ArrayList<>();
        List<String> expectedSkipped = new ArrayList<>();
        Map<String, List<Finding>> byCase = new HashMap<>();
        for (Finding finding : result.findings()) {
            String name = finding.table() != null ? finding.table() : finding.object();
            byCase.computeIfAbsent("db-guard." + finding.rule() + " " + name, k -> new ArrayList<>()).add(finding);
        }
        byCase.forEach((key, findings) -> {
            if (findings.stream().anyMatch(f -> !f.suppressed() && f.severity() == Severity.ERROR)) {
                expectedFailures.add(key);
            } else if (findings.stream().allMatch(Finding::suppressed)) {
                expectedSkipped.add(key);
            }
        });
        assertThat(expectedFailures).isNotEmpty();
        assertThat(expectedSkipped).containsExactly("db-guard.destructive-statement public.vehicles");
        assertThat(withChild(cases, "failure")).containsExactlyInAnyOrderElementsOf(expectedFailures);
        assertThat(withChild(cases, "skipped")).containsExactlyInAnyOrderElementsOf(expectedSkipped);
        assertThat(Integer.parseInt(suite.getAttribute("failures"))).isEqualTo(expectedFailures.size());
        assertThat(Integer.parseInt(suite.getAttribute("skipped"))).isEqualTo(expectedSkipped.size());
        assertThat(suite.getAttribute("errors")).isEqualTo("0");

        // a failure carries the finding's message and its fix
        Finding missing = result.findings().stream().filter(f -> f.rule().equals("tenant-column-missing"))
                .findFirst().orElseThrow();
        Element failure = (Element) cases.get("db-guard.tenant-column-missing public.vehicle_events")
                .getElementsByTagName("failure").item(0);
        assertThat(failure.getAttribute("message")).isEqualTo(missing.message());
        assertThat(failure.getAttribute("type")).isEqualTo("ERROR");
        assertThat(failure.getTextContent()).contains(missing.message()).contains(missing.fix().strip().split("\n")[0]);

        // a WARNING below failOnSeverity passes, its finding shown in system-out
        Element unindexed = cases.get("db-guard.index-not-concurrent public.vehicles");
        assertThat(unindexed.getElementsByTagName("failure").getLength()).isZero();
        assertThat(unindexed.getElementsByTagName("system-out").item(0).getTextContent()).contains("vehicles_plate_idx");
    }

    @Test
    void failOnSeverityDecidesWhatFails(@TempDir Path dir) throws Exception {
        Document never = write(dir.resolve("never"), FailThreshold.NEVER);
        assertThat(never.getDocumentElement().getAttribute("failures")).isEqualTo("0");

        Document warning = write(dir.resolve("warning"), FailThreshold.parse("WARNING"));
        assertThat(withChild(cases(warning), "failure")).contains("db-guard.index-not-concurrent public.vehicles");
        long failing = JUnitReportWriter.testCases(result).stream().filter(c -> c.findings().stream()
                .anyMatch(f -> !f.suppressed() && f.severity() != Severity.INFO)).count();
        assertThat(Integer.parseInt(warning.getDocumentElement().getAttribute("failures"))).isEqualTo(failing);
    }

    private static Map<String, Element> cases(Document xml) {
        Map<String, Element> cases = new HashMap<>();
        NodeList nodes = xml.getElementsByTagName("testcase");
        for (int i = 0; i < nodes.getLength(); i++) {
            Element testCase = (Element) nodes.item(i);
            String key = testCase.getAttribute("classname") + " " + testCase.getAttribute("name");
            assertThat(cases.put(key, testCase)).as("duplicate test case " + key).isNull();
        }
        return cases;
    }

    private static List<String> withChild(Map<String, Element> cases, String child) {
        return cases.entrySet().stream().filter(e -> e.getValue().getElementsByTagName(child).getLength() > 0)
                .map(Map.Entry::getKey).toList();
    }
}
