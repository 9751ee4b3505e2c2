package dev.dbguard.core.api;

/**
 * A place in a migration: {@code file} relative to its migrations location, 1-based {@code line} of the
 * statement's first token.
 */
public record SourceRef(String file, int line) {
    @Override
    public String toString() {
        return file + ":" + line;
    }
}
