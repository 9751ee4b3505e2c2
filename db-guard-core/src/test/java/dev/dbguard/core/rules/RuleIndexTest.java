package dev.dbguard.core.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The rule index, docs/rules/README.md: one row per rule page and per built-in rule, under the section the rule
 * belongs to, with the default severity the rule and its page have.
 */
class RuleIndexTest {

    static final String INDEX_NAME = "README.md";
    static final Path INDEX = RuleDocsTest.DOCS.resolve(INDEX_NAME);

    /** {@code | [`id`](id.md) | ERROR | summary |} */
    private static final Pattern ROW = Pattern.compile("^\\| \\[`([a-z0-9-]+)`\\]\\(([^)]+)\\) \\| (\\w+) \\| (.+) \\|$");
    /** The header row of a rule page: {@code | ERROR | 2. Row level security (final schema) | ... |}. */
    private static final Pattern PAGE_DEFAULT = Pattern.compile("(?m)^\\|---\\|---\\|---\\|\\n\\| (\\w+) \\| ");

    record Entry(String id, String link, String severity, String summary, String section) {
    }

    @Test
    void listsEveryRulePageOnceAndLinksIt() throws IOException {
        List<Entry> entries = entries();
        assertThat(entries).extracting(Entry::id).doesNotHaveDuplicates();
        for (Entry entry : entries) {
            assertThat(entry.link()).as("link of " + entry.id()).isEqualTo(entry.id() + ".md");
            assertThat(entry.summary()).as("summary of " + entry.id()).isNotBlank();
        }
        assertThat(new TreeSet<>(entries.stream().map(Entry::id).toList()))
                .as("ids in " + INDEX + " against the pages in " + RuleDocsTest.DOCS)
                .isEqualTo(pageIds());
    }

    @Test
    void listsEveryBuiltInRuleUnderItsSectionWithItsDefault() throws IOException {
        Map<String, Entry> byId = new LinkedHashMap<>();
        entries().forEach(e -> byId.put(e.id(), e));
        for (Rule rule : BuiltInRules.all()) {
            Entry entry = byId.get(rule.id());
            assertThat(entry).as(rule.id() + " in " + INDEX).isNotNull();
            String expected = rule.definition().onByDefault() ? rule.defaultSeverity().name() : "off";
            assertThat(entry.severity()).as("default of " + rule.id()).isEqualTo(expected);
            assertThat(entry.section()).as("section of " + rule.id())
                    .containsIgnoringCase(rule.definition().section().title());
        }
    }

    @Test
    void givesEachRuleTheDefaultOfItsPage() throws IOException {
        for (Entry entry : entries()) {
            String page = Files.readString(RuleDocsTest.DOCS.resolve(entry.id() + ".md"));
            Matcher header = PAGE_DEFAULT.matcher(page);
            assertThat(header.find()).as("default severity row of " + entry.id() + ".md").isTrue();
            assertThat(entry.severity()).as("default of " + entry.id()).isEqualTo(header.group(1));
        }
    }

    private static List<Entry> entries() throws IOException {
        List<Entry> entries = new ArrayList<>();
        String section = null;
        for (String line : Files.readAllLines(INDEX)) {
            if (line.startsWith("## ")) {
                section = line.substring(3);
            }
            Matcher row = ROW.matcher(line);
            if (row.matches()) {
                entries.add(new Entry(row.group(1), row.group(2), row.group(3), row.group(4), section));
            }
        }
        // a table that no longer parses must not pass as an empty index
        assertThat(entries).as("rows of " + INDEX).hasSizeGreaterThanOrEqualTo(BuiltInRules.all().size());
        return entries;
    }

    private static TreeSet<String> pageIds() throws IOException {
        try (Stream<Path> files = Files.list(RuleDocsTest.DOCS)) {
            TreeSet<String> ids = new TreeSet<>();
            files.map(p -> p.getFileName().toString())
                    .filter(name -> name.endsWith(".md") && !name.equals(INDEX_NAME))
                    .forEach(name -> ids.add(name.substring(0, name.length() - ".md".length())));
            return ids;
        }
    }
}
