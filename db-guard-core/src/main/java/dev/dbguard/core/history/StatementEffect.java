package dev.dbguard.core.history;

import dev.dbguard.core.journal.DroppedObject;
import dev.dbguard.core.migration.SqlStatement;
import java.util.List;
import java.util.Optional;

/**
 * One statement of a migration and everything it did.
 *
 * @param changes        the tables its DDL touched (including DDL run inside DO blocks and functions)
 * @param dropped        what it dropped, with whether each dropped table existed before the migration
 * @param data           what it did to rows, when it is an UPDATE, DELETE or TRUNCATE
 */
public record StatementEffect(SqlStatement statement, List<TableChange> changes, List<Dropped> dropped,
                              Optional<DataStatement> data) {

    public StatementEffect {
        changes = List.copyOf(changes);
        dropped = List.copyOf(dropped);
    }

    /** A dropped object and whether it belonged to a table that existed before the migration. */
    public record Dropped(DroppedObject object, boolean ofExistingTable) {
    }
}
