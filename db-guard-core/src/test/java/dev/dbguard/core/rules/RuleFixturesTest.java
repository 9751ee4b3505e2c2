package dev.dbguard.core.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbguard.core.testing.RuleFixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every fixture under {@code src/test/resources/rules/<rule-id>/<case>/} runs through the whole engine on a real
 * PostgreSQL; its {@code -- expect:} markers must match the findings exactly. Every rule needs at least one
 * fixture that reports it and one that stays clean (no markers at all).
 */
class RuleFixturesTest {

    @TestFactory
    Stream<DynamicTest> everyFixtureReportsExactlyWhatItMarks() throws IOException {
        return fixtureFolders().stream().map(folder -> DynamicTest.dynamicTest(
                RuleFixtures.ROOT.relativize(folder).toString(), () -> RuleFixtures.assertFixture(folder)));
    }

    @Test
    void everyRuleHasAReportingAndACleanFixture() throws IOException {
        Map<String, List<String>> problems = new TreeMap<>();
        for (Rule rule : BuiltInRules.all()) {
            Path dir = RuleFixtures.ROOT.resolve(rule.id());
            boolean reports = false;
            boolean clean = false;
            if (Files.isDirectory(dir)) {
                for (Path folder : cases(dir)) {
                    List<RuleFixtures.Marker> markers = RuleFixtures.expectedMarkers(folder);
                    reports |= markers.stream().anyMatch(m -> m.rule().equals(rule.id()));
                    clean |= markers.isEmpty();
                }
            }
            List<String> missing = new ArrayList<>();
            if (!reports) {
                missing.add("no fixture marks an expected " + rule.id());
            }
            if (!clean) {
                missing.add("no clean fixture (one without markers)");
            }
            if (!missing.isEmpty()) {
                problems.put(rule.id(), missing);
            }
        }
        assertThat(problems).as("rules without fixtures under %s", RuleFixtures.ROOT).isEmpty();
    }

    /** All fixtures, or with {@code -Ddbguard.fixtures=rule-a,rule-b} only those rules' (for working on a rule). */
    private static List<Path> fixtureFolders() throws IOException {
        List<Path> folders = new ArrayList<>();
        List<String> only = List.of(System.getProperty("dbguard.fixtures", "").split(",")).stream()
                .map(String::trim).filter(s -> !s.isEmpty()).toList();
        try (Stream<Path> rules = Files.list(RuleFixtures.ROOT)) {
            for (Path rule : rules.filter(Files::isDirectory).sorted()
                    .filter(r -> only.isEmpty() || only.contains(r.getFileName().toString())).toList()) {
                folders.addAll(cases(rule));
            }
        }
        return folders;
    }

    private static List<Path> cases(Path ruleDir) throws IOException {
        try (Stream<Path> cases = Files.list(ruleDir)) {
            return cases.filter(Files::isDirectory).sorted().toList();
        }
    }
}
