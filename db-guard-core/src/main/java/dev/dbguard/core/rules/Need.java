package dev.dbguard.core.rules;

import dev.dbguard.core.api.GuardConfig;

/**
 * What a rule's verdict is read from. A phase runs only when an enabled rule needs it and every other need of that
 * rule can be met: the data rehearsal and the isolation probe cost seconds, and run for nobody otherwise.
 */
public enum Need {
    /** The catalogue after every migration. */
    SCHEMA,
    /** Each migration's statements and what they did, from the DDL journal. */
    MIGRATIONS,
    /** The data rehearsal: each migration replayed on synthetic rows ({@code dev.dbguard.core.rehearsal}). */
    REHEARSAL,
    /** The isolation probe: two tenants' rows, read and written across as the application's role. */
    PROBE,
    /** The migrations applied as a non-superuser role: only with {@code migrationRole} set. */
    MIGRATION_ROLE;

    /** True when the configuration can provide this input. */
    public boolean availableWith(GuardConfig config) {
        return this != MIGRATION_ROLE || config.migrationRole() != null;
    }
}
