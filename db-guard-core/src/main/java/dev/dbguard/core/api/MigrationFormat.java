package dev.dbguard.core.api;

import java.util.Locale;

/** How the migrations are written, and so which tool applies them. */
public enum MigrationFormat {
    /** Liquibase when a changelog is configured, Flyway when {@code V<version>__} scripts are present, plain otherwise */
    AUTO,
    /** Flyway applies them (flyway-core): placeholders, repeatable and Java migrations, callbacks, its history table */
    FLYWAY,
    /** Liquibase applies a changelog (XML, YAML or formatted SQL), changeset by changeset */
    LIQUIBASE,
    /** db-guard applies the {@code .sql} files itself, statement by statement, in Flyway order or natural order */
    PLAIN;

    /** The format named {@code text}, case-insensitively; blank means {@link #AUTO}. */
    public static MigrationFormat parse(String text) {
        if (text == null || text.isBlank()) {
            return AUTO;
        }
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidParameterException("format", "'" + text.trim() + "' is not a migration format; use auto,"
                    + " flyway, liquibase or plain");
        }
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
