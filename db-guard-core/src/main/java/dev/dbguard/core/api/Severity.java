package dev.dbguard.core.api;

import java.util.Locale;

/** How bad a finding is. Declared from most to least severe. */
public enum Severity {
    ERROR,
    WARNING,
    INFO;

    /** True when this severity is at least as severe as {@code threshold}. */
    public boolean isAtLeast(Severity threshold) {
        return ordinal() <= threshold.ordinal();
    }

    /** Parses {@code ERROR}, {@code WARNING} or {@code INFO}, in any case. */
    public static Severity parse(String text) {
        String value = text == null ? "" : text.trim().toUpperCase(Locale.ROOT);
        for (Severity severity : values()) {
            if (severity.name().equals(value)) {
                return severity;
            }
        }
        throw new IllegalArgumentException("unknown severity '" + text + "': use ERROR, WARNING or INFO");
    }
}
