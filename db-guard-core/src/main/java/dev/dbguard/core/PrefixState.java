package dev.dbguard.core;

import dev.dbguard.core.api.AppliedMigration;
import dev.dbguard.core.rehearsal.RehearsalState;
import java.util.List;

/**
 * What a run kept besides its server's data directory, so that a later run whose migrations begin with the same
 * ones continues from them: how many migrations the kept database holds (with the DDL journal of each), the report's
 * view of them, and where the data rehearsal stood.
 *
 * @param applied    how many migrations the kept database holds, the first ones of the later run
 * @param migrations the report's view of them, as the run that applied them gave it
 * @param rehearsal  the rehearsal's state, its database kept with the server; null when the run did not rehearse
 */
public record PrefixState(int applied, List<AppliedMigration> migrations, RehearsalState rehearsal) {
    public PrefixState {
        migrations = List.copyOf(migrations);
        if (migrations.size() != applied) {
            throw new IllegalArgumentException(applied + " migrations applied, " + migrations.size() + " described");
        }
    }
}
