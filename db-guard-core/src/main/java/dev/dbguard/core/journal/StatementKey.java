package dev.dbguard.core.journal;

/** Which statement of which migration: both 0-based, in the order they were applied. */
public record StatementKey(int migration, int statement) {

    String encode() {
        return migration + ":" + statement;
    }

    static StatementKey decode(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        int colon = text.indexOf(':');
        try {
            return new StatementKey(Integer.parseInt(text.substring(0, colon)), Integer.parseInt(text.substring(colon + 1)));
        } catch (RuntimeException e) {
            return null; // a migration set the setting itself; the entry has no known statement
        }
    }
}
