package dev.dbguard.core.api;

import java.util.Locale;
import java.util.Optional;

/** The {@code failOnSeverity} setting: a severity, or NEVER. */
public record FailThreshold(Optional<Severity> severity) {

    public static final FailThreshold ERROR = new FailThreshold(Optional.of(Severity.ERROR));
    public static final FailThreshold NEVER = new FailThreshold(Optional.empty());

    /**
     * The threshold named {@code text}, in any case.
     *
     * @throws InvalidParameterException naming {@code failOnSeverity} and the accepted values
     */
    public static FailThreshold parse(String text) {
        String value = text == null ? "" : text.trim().toUpperCase(Locale.ROOT);
        if (value.equals("NEVER")) {
            return NEVER;
        }
        try {
            return new FailThreshold(Optional.of(Severity.parse(value)));
        } catch (IllegalArgumentException e) {
            throw new InvalidParameterException("failOnSeverity",
                    "'" + text + "' is not a severity; use ERROR, WARNING, INFO or NEVER");
        }
    }

    /** True when a finding of this severity fails the build. */
    public boolean fails(Severity findingSeverity) {
        return severity.map(findingSeverity::isAtLeast).orElse(false);
    }

    @Override
    public String toString() {
        return severity.map(Enum::name).orElse("NEVER");
    }
}
