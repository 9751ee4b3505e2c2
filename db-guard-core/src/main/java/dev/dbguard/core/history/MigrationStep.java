package dev.dbguard.core.history;

import dev.dbguard.core.journal.AppliedScript;
import dev.dbguard.core.journal.TableState;
import java.util.List;
import java.util.Map;

/**
 * One applied migration with the effect of each of its statements.
 *
 * @param release         the release it belongs to (see {@link Releases})
 * @param inProduction    true when its version is at or below {@code productionVersion}: already deployed, not judged
 * @param tablesBefore    every table as it stood when the migration began, by oid: the existing tables
 */
public record MigrationStep(AppliedScript script, String release, boolean inProduction,
                            List<StatementEffect> statements, Map<Long, TableState> tablesBefore) {

    public MigrationStep {
        statements = List.copyOf(statements);
        tablesBefore = Map.copyOf(tablesBefore);
    }

    public String file() {
        return script.migration().file();
    }
}
