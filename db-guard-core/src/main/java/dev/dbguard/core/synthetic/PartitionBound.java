package dev.dbguard.core.synthetic;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Reads a partition bound as {@code pg_get_expr(relpartbound)} prints it, for the values that route a row there. */
final class PartitionBound {

    private PartitionBound() {
    }

    /**
     * The key values of a row that belongs in the partition: the first value of {@code IN (…)}, the lower bound
     * of {@code FROM (…) TO (…)} (inclusive); empty for {@code DEFAULT} and hash partitions (any row may land
     * there); null when no value can be named (a range from MINVALUE, an unreadable bound).
     */
    static List<String> routingValues(String bound) {
        if (bound == null) {
            return null;
        }
        String text = bound.trim();
        String upper = text.toUpperCase(Locale.ROOT);
        if (upper.equals("DEFAULT") || upper.startsWith("FOR VALUES WITH")) {
            return List.of();
        }
        if (upper.startsWith("FOR VALUES IN")) {
            List<String> items = items(text, text.indexOf('(', "FOR VALUES IN".length()));
            return items == null || items.isEmpty() ? null : List.of(items.get(0));
        }
        if (upper.startsWith("FOR VALUES FROM")) {
            List<String> items = items(text, text.indexOf('(', "FOR VALUES FROM".length()));
            if (items == null || items.stream().anyMatch(i -> i == null || i.equalsIgnoreCase("MINVALUE") || i.equalsIgnoreCase("MAXVALUE"))) {
                return null;
            }
            return items;
        }
        return null;
    }

    /** The comma-separated items of the parenthesised list opening at {@code open}, literals unquoted. */
    private static List<String> items(String text, int open) {
        if (open < 0) {
            return null;
        }
        List<String> items = new ArrayList<>();
        StringBuilder item = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        for (int i = open + 1; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (quoted) {
                if (ch == '\'') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '\'') {
                        item.append('\'');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    item.append(ch);
                }
            } else if (ch == '\'') {
                quoted = true;
                wasQuoted = true;
            } else if (ch == ',' || ch == ')') {
                String value = item.toString();
                if (!wasQuoted) {
                    value = value.trim();
                    int cast = value.indexOf("::");
                    if (cast >= 0) {
                        value = value.substring(0, cast);
                    }
                    if (value.equalsIgnoreCase("NULL")) {
                        value = null;
                    }
                }
                items.add(value);
                item.setLength(0);
                wasQuoted = false;
                if (ch == ')') {
                    return items;
                }
            } else if (!wasQuoted) {
                item.append(ch);
            } else if (ch == ':') {
                // a cast after a literal: skip to the next separator
                while (i + 1 < text.length() && text.charAt(i + 1) != ',' && text.charAt(i + 1) != ')') {
                    i++;
                }
            }
        }
        return null;
    }
}
