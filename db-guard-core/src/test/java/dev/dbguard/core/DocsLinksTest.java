package dev.dbguard.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No dead relative link in README.md and docs/: every {@code [text](path)} names a file or folder that exists, and
 * every {@code path#anchor} or {@code #anchor} names a heading of its Markdown target, as GitHub renders it.
 */
class DocsLinksTest {

    static final Path ROOT = Path.of("..");

    private static final Pattern FENCE = Pattern.compile("(?ms)^\\s*```.*?^\\s*```[^\\n]*$");
    private static final Pattern CODE_SPAN = Pattern.compile("`[^`\\n]*`");
    private static final Pattern LINK = Pattern.compile("\\[[^\\]]*\\]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");
    private static final Pattern SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*:");
    private static final Pattern HEADING = Pattern.compile("(?m)^#{1,6}\\s+(.+?)\\s*#*\\s*$");

    @Test
    void readmeAndDocsHaveNoDeadLinks() throws IOException {
        List<Path> files = new ArrayList<>();
        files.add(ROOT.resolve("README.md"));
        try (Stream<Path> docs = Files.walk(ROOT.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
        }
        assertThat(files).hasSizeGreaterThan(10);
        assertThat(deadLinks(files)).isEmpty();
    }

    @Test
    void findsAMissingFileAndAMissingAnchor(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("a.md"), """
                # A page

                ## Second `part`

                [fine](b.md#the-target) [fine too](#second-part) [web](https://example.org/x.md)
                [gone](missing.md) [wrong anchor](b.md#no-such-heading) `[in code](nowhere.md)`

                ```
                [in a block](nowhere.md)
                ```
                """);
        Files.writeString(dir.resolve("b.md"), "# The target\n");

        assertThat(deadLinks(List.of(dir.resolve("a.md"))))
                .containsExactly(dir.resolve("a.md") + ":6: missing.md (no such file)",
                        dir.resolve("a.md") + ":6: b.md#no-such-heading (no such heading)");
    }

    /** One line per dead link: file, line, link, and what is missing. */
    static List<String> deadLinks(List<Path> files) throws IOException {
        Map<Path, Set<String>> anchors = new HashMap<>();
        List<String> dead = new ArrayList<>();
        for (Path file : files) {
            String text = blankCode(Files.readString(file));
            Matcher link = LINK.matcher(text);
            while (link.find()) {
                String target = link.group(1);
                if (SCHEME.matcher(target).find()) {
                    continue;
                }
                int hash = target.indexOf('#');
                String path = hash < 0 ? target : target.substring(0, hash);
                String anchor = hash < 0 ? null : target.substring(hash + 1);
                Path resolved = path.isEmpty() ? file : file.getParent().resolve(path).normalize();
                String where = file + ":" + line(text, link.start()) + ": " + target;
                if (!Files.exists(resolved)) {
                    dead.add(where + " (no such file)");
                } else if (anchor != null && resolved.toString().endsWith(".md")
                        && !anchors.computeIfAbsent(resolved, DocsLinksTest::anchors).contains(anchor)) {
                    dead.add(where + " (no such heading)");
                }
            }
        }
        return dead;
    }

    /** Code is not Markdown: links in code blocks and spans are text. Lines keep their numbers. */
    private static String blankCode(String text) {
        StringBuilder out = new StringBuilder();
        Matcher fence = FENCE.matcher(text);
        int at = 0;
        while (fence.find()) {
            out.append(text, at, fence.start()).append(fence.group().replaceAll("[^\\n]", " "));
            at = fence.end();
        }
        out.append(text.substring(at));
        return CODE_SPAN.matcher(out).replaceAll(m -> " ".repeat(m.group().length()));
    }

    /** GitHub's heading ids: lower case, punctuation dropped, spaces as hyphens, repeats numbered. */
    private static Set<String> anchors(Path file) {
        try {
            String text = Files.readString(file);
            Matcher fence = FENCE.matcher(text);
            text = fence.replaceAll("");
            Set<String> ids = new HashSet<>();
            Map<String, Integer> seen = new HashMap<>();
            Matcher heading = HEADING.matcher(text);
            while (heading.find()) {
                String title = heading.group(1).replaceAll("\\[([^\\]]*)\\]\\([^)]*\\)", "$1");
                String id = title.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
                int n = seen.merge(id, 1, Integer::sum) - 1;
                ids.add(n == 0 ? id : id + "-" + n);
            }
            return ids;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
    }

    private static int line(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }
}
