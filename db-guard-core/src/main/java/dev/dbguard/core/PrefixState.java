package dev.dbguard.core;

import dev.dbguard.core.api.AppliedMigration;
import dev.dbguard.core.format.MigrationSource;
import dev.dbguard.core.journal.AppliedScript;
import dev.dbguard.core.rehearsal.RehearsalState;
import java.util.List;

/**
 * What a run kept besides its server's data directory, so that a later run whose migrations begin with the same
 * ones continues from them: how many migrations the kept database holds (with the DDL journal of each), the report's
 * view of them, where the data rehearsal stood, and, for a format whose tool reads the scripts only while it applies
 * them (Flyway), each unit as it was applied.
 *
 * @param applied    how many migrations the kept database holds, the first ones of the later run
 * @param migrations the report's view of them, as the run that applied them gave it
 * @param rehearsal  the rehearsal's state, its database kept with the server; null when the run did not rehearse
 * @param scripts    each unit with its statements, when the format does not read them ahead; else empty
 * @param texts      their texts, in the same order; empty with {@code scripts}
 */
public record PrefixState(int applied, List<AppliedMigration> migrations, RehearsalState rehearsal,
                          List<AppliedScript> scripts, List<String> texts) {
    public PrefixState {
        migrations = List.copyOf(migrations);
        scripts = List.copyOf(scripts);
        texts = List.copyOf(texts);
        if (migrations.size() != applied || !scripts.isEmpty() && scripts.size() != applied
                || texts.size() != scripts.size()) {
            throw new IllegalArgumentException(applied + " migrations applied, " + migrations.size() + " described, "
                    + scripts.size() + " units, " + texts.size() + " texts");
        }
    }

    /** What the kept database holds, as a format's source gives it back to continue ({@code MigrationSource#applyAfter}). */
    MigrationSource.Applied units() {
        return new MigrationSource.Applied(scripts, texts, migrations);
    }
}
