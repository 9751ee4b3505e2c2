package dev.dbguard.core.history;

import dev.dbguard.core.journal.TableState;

/**
 * What one statement did to one table.
 *
 * @param before                 the table just before the statement, null when the statement created it
 * @param after                  the table just after it
 * @param existedBeforeMigration true when the table existed before the migration began: in production it has rows
 */
public record TableChange(TableState before, TableState after, boolean existedBeforeMigration) {

    public String table() {
        return after.qualifiedName();
    }

    public long oid() {
        return after.oid();
    }
}
