package dev.dbguard.core.rules;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The documentation page of each rule, {@code docs/rules/<rule-id>.md} in the repository. The build copies the
 * pages into the core jar (see db-guard-core/pom.xml), so reports can carry a rule's explanation (SARIF
 * {@code help}) without a network; {@link #uri} is where the same page is published.
 */
public final class RuleDocs {

    /**
     * Where the rule pages are published: the repository's {@code docs/rules/} folder under the project's home,
     * the domain of the Maven groupId {@code dev.dbguard}. One constant, so a move changes one line.
     */
    public static final String BASE_URI = "https://dbguard.dev/docs/rules/";

    static final String RESOURCE_FOLDER = "dev/dbguard/core/rules/docs/";

    private static final Pattern WHY = Pattern.compile("(?ms)^## Why it matters\\s*\\R(.+?)(?=^## |\\z)");

    private RuleDocs() {
    }

    /** The published page of {@code ruleId}. */
    public static String uri(String ruleId) {
        return BASE_URI + ruleId + ".md";
    }

    /** The page's Markdown as shipped in the jar, or empty when the rule has no page. */
    public static Optional<String> page(String ruleId) {
        try (InputStream in = RuleDocs.class.getClassLoader().getResourceAsStream(RESOURCE_FOLDER + ruleId + ".md")) {
            if (in == null) {
                return Optional.empty();
            }
            return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\r\n", "\n"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the page of rule " + ruleId, e);
        }
    }

    /** The page's "Why it matters" section as one paragraph of plain text, or empty. */
    public static Optional<String> rationale(String ruleId) {
        return page(ruleId).flatMap(page -> {
            Matcher why = WHY.matcher(page);
            if (!why.find()) {
                return Optional.empty();
            }
            String text = why.group(1).strip().replaceAll("\\s*\\R\\s*", " ").replace("`", "");
            return text.isEmpty() ? Optional.empty() : Optional.of(text);
        });
    }
}
