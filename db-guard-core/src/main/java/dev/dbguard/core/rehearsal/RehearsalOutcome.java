package dev.dbguard.core.rehearsal;

import dev.dbguard.core.migration.MigrationException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the data rehearsal saw, per migration (by its index in the run).
 *
 * @param steps   what happened at each rehearsed migration, by migration index
 * @param stopped why the rehearsal stopped before the last migration, or null when it went through
 * @param kept    where it stood at the end, its database kept with the server ({@link Rehearsal#keepDatabase}); null
 *                when it was not kept
 */
public record RehearsalOutcome(Map<Integer, Step> steps, String stopped, RehearsalState kept) {

    /** Nothing rehearsed (switched off, or no rule of the rehearsal enabled). */
    public static final RehearsalOutcome NONE = new RehearsalOutcome(Map.of(), null);

    public RehearsalOutcome {
        steps = Map.copyOf(steps);
    }

    /** An outcome whose database was not kept. */
    public RehearsalOutcome(Map<Integer, Step> steps, String stopped) {
        this(steps, stopped, null);
    }

    public Optional<Step> step(int migrationIndex) {
        return Optional.ofNullable(steps.get(migrationIndex));
    }

    /**
     * One migration in the rehearsal.
     *
     * @param failedWithRows PostgreSQL's error when the migration failed on tables holding rows and then succeeded
     *                       on the same tables emptied, else null
     * @param rowsLost       tables whose row count fell across the migration
     * @param rollback       what applying its rollback script did, or null when rollbacks are not required or the
     *                       migration is not versioned
     * @param blockedByRls   with a migration role: its statements that changed fewer rows as that role than as a
     *                       superuser, or failed as the role and not as a superuser
     */
    public record Step(MigrationException failedWithRows, List<RowsLost> rowsLost, Rollback rollback,
                       List<dev.dbguard.core.role.RoleEvent> blockedByRls) {
        public Step {
            rowsLost = List.copyOf(rowsLost);
            blockedByRls = List.copyOf(blockedByRls);
        }

        public Step(MigrationException failedWithRows, List<RowsLost> rowsLost, Rollback rollback) {
            this(failedWithRows, rowsLost, rollback, List.of());
        }
    }

    /** A table (schema-qualified) that held {@code before} rows when the migration began and {@code after} once it ended. */
    public record RowsLost(String table, long before, long after) {
    }

    /**
     * The rollback of one migration.
     *
     * @param script      the rollback script's file, relative to its location, or null when it has none
     * @param failure     PostgreSQL's error when the rollback (or the migration applied again after it) failed
     * @param differences how the schema after the rollback differs from the schema before the migration, one line
     *                    each ({@code - } only before, {@code + } only after)
     */
    public record Rollback(Kind kind, String script, MigrationException failure, List<String> differences) {
        public enum Kind { MISSING, FAILED, DIFFERENT, REAPPLY_FAILED, RESTORED }

        public Rollback {
            differences = List.copyOf(differences);
        }
    }
}
