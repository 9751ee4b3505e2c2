package dev.dbguard.core.api;

/** A migration as it was applied: file relative to its location, version (null for plain/repeatable). */
public record AppliedMigration(String file, String version, int statements, long millis) {
}
