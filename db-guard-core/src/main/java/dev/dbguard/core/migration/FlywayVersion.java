package dev.dbguard.core.migration;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A Flyway migration version: numbers separated by '.' or '_', compared number by number, a missing
 * number counting as zero (so {@code 1.0} equals {@code 1}, {@code 1.10} follows {@code 1.9}).
 *
 * @param text  the version as written, '_' shown as '.' (as Flyway shows it)
 * @param parts its numbers
 */
public record FlywayVersion(String text, List<BigInteger> parts) implements Comparable<FlywayVersion> {

    private static final Pattern SYNTAX = Pattern.compile("[0-9]+([._][0-9]+)*");

    /** The version, or null when the text is not one. */
    public static FlywayVersion parse(String raw) {
        if (!SYNTAX.matcher(raw).matches()) {
            return null;
        }
        String text = raw.replace('_', '.');
        List<BigInteger> parts = new ArrayList<>();
        for (String part : text.split("\\.")) {
            parts.add(new BigInteger(part));
        }
        return new FlywayVersion(text, List.copyOf(parts));
    }

    @Override
    public int compareTo(FlywayVersion other) {
        int n = Math.max(parts.size(), other.parts.size());
        for (int i = 0; i < n; i++) {
            BigInteger a = i < parts.size() ? parts.get(i) : BigInteger.ZERO;
            BigInteger b = i < other.parts.size() ? other.parts.get(i) : BigInteger.ZERO;
            int c = a.compareTo(b);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    @Override
    public String toString() {
        return text;
    }
}
