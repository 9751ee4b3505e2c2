package dev.dbguard.core.postgres;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Keeps passwords out of every message db-guard prints. The PostgreSQL JDBC driver may quote the URL it was
 * given, and with it a {@code password=} parameter; a server may echo a connection string. Every text that
 * leaves a provider passes through {@link #scrub}.
 */
final class Secrets {

    static final String MASK = "****";
    private static final Pattern PASSWORD_PARAMETER = Pattern.compile("(?i)((?:ssl)?password=)[^&\\s\"']*");

    private final List<String> secrets = new ArrayList<>();

    /** Scrubs the given secrets (null or empty ones are ignored) and any {@code password=} URL parameter. */
    Secrets(String... secrets) {
        for (String secret : secrets) {
            if (secret != null && !secret.isEmpty()) {
                this.secrets.add(secret);
                String encoded = URLEncoder.encode(secret, StandardCharsets.UTF_8);
                if (!encoded.equals(secret)) {
                    this.secrets.add(encoded);
                }
            }
        }
        // longest first, so a secret containing another is masked whole
        this.secrets.sort((a, b) -> b.length() - a.length());
    }

    String scrub(String text) {
        if (text == null) {
            return null;
        }
        String result = text;
        for (String secret : secrets) {
            result = result.replace(secret, MASK);
        }
        return PASSWORD_PARAMETER.matcher(result).replaceAll("$1" + MASK);
    }

    /** The same failure with a scrubbed message, keeping SQLSTATE and error code; the original is not chained. */
    SQLException scrub(SQLException e) {
        SQLException clean = new SQLException(scrub(e.getMessage()), e.getSQLState(), e.getErrorCode());
        clean.setStackTrace(e.getStackTrace());
        return clean;
    }
}
