package dev.dbguard.core.format;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a Liquibase changeset starts and ends in its changelog file. Liquibase keeps no line numbers, so the
 * declaration is found in the text by id and author: {@code --changeset author:id} in a formatted SQL changelog,
 * the {@code <changeSet id=".." author="..">} tag in XML, the {@code changeSet:} entry holding {@code id:} and
 * {@code author:} in YAML or JSON. A changeset ends where the next one starts.
 *
 * @param start 1-based line of the declaration, 0 when it was not found
 * @param end   last line of the changeset
 */
record ChangeSetLines(int start, int end) {

    private static final Pattern SQL_CHANGESET = Pattern.compile(
            "(?im)^[ \\t]*--[ \\t]*changeset[ \\t]+(\"[^\"]+\"|[^:\\s]+):(\"[^\"]+\"|\\S+)");
    private static final Pattern XML_CHANGESET = Pattern.compile("(?s)<(?:[\\w.-]+:)?changeSet\\b([^>]*)>");
    private static final Pattern YAML_CHANGESET = Pattern.compile("(?m)^[ \\t-]*\"?changeSet\"?[ \\t]*:");

    static ChangeSetLines find(String file, String text, String id, String author) {
        if (text == null) {
            return new ChangeSetLines(0, 0);
        }
        String lower = file.toLowerCase(Locale.ROOT);
        Pattern pattern = lower.endsWith(".sql") ? SQL_CHANGESET : lower.endsWith(".xml") ? XML_CHANGESET : YAML_CHANGESET;
        Matcher m = pattern.matcher(text);
        List<int[]> starts = new java.util.ArrayList<>();
        while (m.find()) {
            starts.add(new int[] {m.start(), m.end()});
        }
        int lastLine = lineOf(text, text.length());
        for (int i = 0; i < starts.size(); i++) {
            int from = starts.get(i)[0];
            int to = i + 1 < starts.size() ? starts.get(i + 1)[0] : text.length();
            if (matches(pattern, text, from, starts.get(i)[1], to, id, author)) {
                int start = lineOf(text, from);
                int end = i + 1 < starts.size() ? lineOf(text, to) - 1 : lastLine;
                return new ChangeSetLines(start, Math.max(start, end));
            }
        }
        return new ChangeSetLines(0, 0);
    }

    private static boolean matches(Pattern pattern, String text, int from, int headerEnd, int to, String id, String author) {
        if (pattern == SQL_CHANGESET) {
            Matcher m = SQL_CHANGESET.matcher(text.substring(from, headerEnd));
            return m.find() && unquote(m.group(1)).equals(author) && unquote(m.group(2)).equals(id);
        }
        if (pattern == XML_CHANGESET) {
            String attributes = text.substring(from, headerEnd);
            return attribute(attributes, "id", id) && attribute(attributes, "author", author);
        }
        String block = text.substring(from, to);
        return yamlKey(block, "id", id) && yamlKey(block, "author", author);
    }

    private static boolean attribute(String attributes, String name, String value) {
        return Pattern.compile("\\b" + name + "\\s*=\\s*([\"'])" + Pattern.quote(xmlEscape(value)) + "\\1")
                .matcher(attributes).find()
                || Pattern.compile("\\b" + name + "\\s*=\\s*([\"'])" + Pattern.quote(value) + "\\1").matcher(attributes).find();
    }

    private static boolean yamlKey(String block, String name, String value) {
        return Pattern.compile("(?m)[\\s{,]\"?" + name + "\"?\\s*:\\s*([\"']?)" + Pattern.quote(value) + "\\1\\s*(?:,|$|})")
                .matcher(block).find();
    }

    private static String xmlEscape(String value) {
        return value.replace("&", "&amp;").replace("<", "&lt;").replace("\"", "&quot;");
    }

    private static String unquote(String s) {
        return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
    }

    private static int lineOf(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }
}
