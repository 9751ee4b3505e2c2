package dev.dbguard.core.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbguard.core.DbGuard;
import dev.dbguard.core.api.GuardConfig;
import dev.dbguard.core.api.RunListener;
import dev.dbguard.core.report.AnalysisResult;
import dev.dbguard.core.api.Finding;
import dev.dbguard.core.testing.SharedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rule pages under docs/rules: one per built-in rule, each for a rule id of docs/RULES.md, each in the same shape,
 * shipped in the jar, and each built-in rule's example migration really triggers the rule.
 */
class RuleDocsTest {

    static final Path DOCS = Path.of("..", "docs", "rules");
    /** The rule catalogue, the product contract. */
    static final Path RULES_MD = Path.of("..", "docs", "RULES.md");

    private static final Pattern RULES_MD_ROW = Pattern.compile("(?m)^\\|\\s*`([a-z0-9-]+)`\\s*\\|\\s*(\\w+)\\s*\\|");
    private static final Pattern SQL_BLOCK = Pattern.compile("(?s)```sql\\n-- (\\S+\\.sql)\\n(.*?)```");
    private static final Pattern CONFIG = Pattern.compile("<(appRole|requireRollback|migrationRole)>([^<]+)</\\1>");
    /** A rule switched on or given a severity: {@code <rules><soft-delete-missing>INFO</soft-delete-missing></rules>}. */
    private static final Pattern RULE_SETTING = Pattern.compile("<rules><([a-z0-9-]+)>([^<]+)</\\1></rules>");
    private static final List<String> SECTIONS = List.of("## What it finds", "## Why it matters", "## How to fix",
            "## Example");

    @Test
    void everyBuiltInRuleHasAPageShippedInTheJar() {
        for (Rule rule : BuiltInRules.all()) {
            Path page = DOCS.resolve(rule.id() + ".md");
            assertThat(page).as("docs page of " + rule.id()).isRegularFile();
            assertThat(RuleDocs.page(rule.id())).as("page of " + rule.id() + " on the classpath").isPresent();
            assertThat(RuleDocs.rationale(rule.id())).as("'Why it matters' of " + rule.id()).isPresent();
        }
    }

    @Test
    void everyPageHasTheSameShapeAndItsRulesSeverity() throws IOException {
        Map<String, Rule> built = new LinkedHashMap<>();
        BuiltInRules.all().forEach(r -> built.put(r.id(), r));
        for (Path page : pages()) {
            String id = id(page);
            String text = Files.readString(page);
            assertThat(text).as(page.toString()).startsWith("# " + id + "\n");
            int at = 0;
            for (String section : SECTIONS) {
                int next = text.indexOf("\n" + section + "\n", at);
                assertThat(next).as(page + ": section '" + section + "' (in this order)").isGreaterThan(at);
                at = next;
            }
            assertThat(SQL_BLOCK.matcher(text.substring(at)).find()).as(page + ": an example migration").isTrue();
            if (built.containsKey(id)) {
                // a rule off by default shows "off", as docs/RULES.md does
                String severity = built.get(id).definition().onByDefault()
                        ? built.get(id).defaultSeverity().name() : "off";
                assertThat(text).as(page + ": severity").contains("\n| " + severity + " | ");
                assertThat(text).as(page + ": summary").contains("\n" + built.get(id).definition().summary());
            }
        }
    }

    @Test
    void everyPageIsARuleOfRulesMdWithItsDefault() throws IOException {
        assertThat(RULES_MD).as("the rule catalogue").isRegularFile();
        Map<String, String> contract = new LinkedHashMap<>();
        Matcher row = RULES_MD_ROW.matcher(Files.readString(RULES_MD));
        while (row.find()) {
            contract.put(row.group(1), row.group(2));
        }
        assertThat(contract).hasSizeGreaterThan(40);
        Set<String> pageIds = new TreeSet<>();
        for (Path page : pages()) {
            String id = id(page);
            pageIds.add(id);
            assertThat(contract).as(page + " names no rule of docs/RULES.md").containsKey(id);
            assertThat(Files.readString(page)).as(page + ": default of docs/RULES.md")
                    .contains("\n| " + contract.get(id) + " | ");
        }
        // and, for the merge: every rule docs/RULES.md specifies already has its page
        assertThat(pageIds).containsAll(contract.keySet());
    }

    @TestFactory
    Stream<DynamicTest> eachBuiltInRulesExampleTriggersIt(@TempDir Path dir) {
        return BuiltInRules.all().stream().map(rule -> DynamicTest.dynamicTest(rule.id(), () -> {
            String text = Files.readString(DOCS.resolve(rule.id() + ".md"));
            String example = text.substring(text.indexOf("\n## Example\n"));
            Path migrations = Files.createDirectories(dir.resolve(rule.id()));
            Matcher block = SQL_BLOCK.matcher(example);
            while (block.find()) {
                Files.writeString(migrations.resolve(block.group(1)), block.group(2));
            }
            GuardConfig.Builder config = GuardConfig.builder().migration(migrations);
            Matcher setting = CONFIG.matcher(example);
            while (setting.find()) {
                switch (setting.group(1)) {
                    case "appRole" -> config.appRole(setting.group(2));
                    case "migrationRole" -> config.migrationRole(setting.group(2));
                    default -> config.requireRollback(Boolean.parseBoolean(setting.group(2)));
                }
            }
            Matcher ruleSetting = RULE_SETTING.matcher(example);
            while (ruleSetting.find()) {
                config.rule(ruleSetting.group(1), ruleSetting.group(2));
            }
            AnalysisResult result = new DbGuard(SharedPostgres.scratchDatabases()).run(config.build(),
                    RunListener.SILENT);
            assertThat(result.findings()).extracting(Finding::rule).as("findings of the example of " + rule.id())
                    .contains(rule.id());
        }));
    }

    private static List<Path> pages() throws IOException {
        try (Stream<Path> files = Files.list(DOCS)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".md"))
                    .filter(p -> !p.getFileName().toString().equals(RuleIndexTest.INDEX_NAME)).sorted().toList();
        }
    }

    private static String id(Path page) {
        String name = page.getFileName().toString();
        return name.substring(0, name.length() - ".md".length());
    }
}
