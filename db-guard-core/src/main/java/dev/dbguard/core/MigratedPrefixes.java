package dev.dbguard.core;

import dev.dbguard.core.api.GuardConfig;
import dev.dbguard.core.api.RunListener;
import dev.dbguard.core.journal.AppliedScript;
import dev.dbguard.core.postgres.DatabaseProvisioner;
import dev.dbguard.core.postgres.ThrowawayPostgres;
import java.util.List;
import java.util.Optional;

/**
 * Migrated states kept across builds: the server's data directory after a run's migrations (the migrated database
 * with its DDL journal, the data rehearsal's database) with its {@link PrefixState}. A run whose migrations begin
 * with a kept run's migrations, and whose every other input is the same, continues from the longest such state:
 * it applies and rehearses only the migrations after it, then reads the catalogue and the whole journal, runs the
 * isolation probe and judges every migration as a run from nothing does. Never a reason to fail a build: a state
 * that cannot be used or kept is a warning.
 */
public interface MigratedPrefixes {

    /** No states kept: every run starts from an empty server. */
    MigratedPrefixes NONE = new MigratedPrefixes() {
        @Override
        public Optional<Restored> restore(GuardConfig config, Optional<List<AppliedScript>> scripts,
                                          DatabaseProvisioner provisioner, RunListener listener) {
            return Optional.empty();
        }

        @Override
        public void keep(GuardConfig config, List<AppliedScript> scripts, ThrowawayPostgres database, PrefixState state,
                         RunListener listener) {
            // nothing is kept
        }
    };

    /**
     * A server started by {@code provisioner} on a copy of the longest kept state whose migrations are the first of
     * {@code scripts} (all of them at most), with that state; empty when none is kept or it cannot be used. Without
     * the scripts (a format that reads them only while it applies them), the longest kept state of these settings
     * whose migration files are all unchanged: the format checks, once the server runs, that its order continues them
     * ({@link dev.dbguard.core.format.MigrationSource#applyAfter}).
     */
    Optional<Restored> restore(GuardConfig config, Optional<List<AppliedScript>> scripts,
                               DatabaseProvisioner provisioner, RunListener listener);

    /**
     * Keeps the state after all of {@code scripts}: stops {@code database}'s server with its data directory kept
     * ({@link ThrowawayPostgres#closeKeepingData}).
     */
    void keep(GuardConfig config, List<AppliedScript> scripts, ThrowawayPostgres database, PrefixState state,
              RunListener listener);

    /** A server started on a kept state, and that state. */
    record Restored(ThrowawayPostgres database, PrefixState state) {
    }
}
