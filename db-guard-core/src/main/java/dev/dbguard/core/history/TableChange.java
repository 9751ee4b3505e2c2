package dev.dbguard.core.history;

import dev.dbguard.core.journal.TableState;
import java.util.ArrayList;
import java.util.List;

/**
 * What one statement did to one table.
 *
 * @param before                 the table just before the statement, null when the statement created it
 * @param after                  the table just after it
 * @param existedBeforeMigration true when the table existed before the migration began: in production it has rows
 * @param during                 every state recorded while the statement ran, in order, {@code after} last: a DO
 *                               block's commands one by one
 */
public record TableChange(TableState before, TableState after, boolean existedBeforeMigration,
                          List<TableState> during) {

    public TableChange {
        during = List.copyOf(during);
    }

    /**
     * The state of the table just before the first command of the statement that made {@code column} NOT NULL
     * (by attribute number), or null when no command did.
     */
    public TableState stateBeforeNotNull(int attnum) {
        TableState previous = before;
        for (TableState state : during) {
            boolean wasNotNull = previous != null && previous.column(attnum).map(TableState.ColumnState::notNull).orElse(false);
            boolean isNotNull = state.column(attnum).map(TableState.ColumnState::notNull).orElse(false);
            if (!wasNotNull && isNotNull) {
                return previous;
            }
            previous = state;
        }
        return null;
    }

    /** The column as it was when it first appeared during the statement (added NOT NULL at once, or nullable). */
    public java.util.Optional<TableState.ColumnState> asFirstAdded(int attnum) {
        for (TableState state : during) {
            java.util.Optional<TableState.ColumnState> column = state.column(attnum);
            if (column.isPresent()) {
                return column;
            }
        }
        return java.util.Optional.empty();
    }

    public String table() {
        return after.qualifiedName();
    }

    public long oid() {
        return after.oid();
    }

    /** Columns the statement added (by attribute number, so a rename is not an addition). */
    public List<TableState.ColumnState> addedColumns() {
        if (before == null) {
            return after.columns();
        }
        return after.columns().stream().filter(c -> before.column(c.attnum()).isEmpty()).toList();
    }

    /** Columns that existed before the statement and still do, as {before, after} pairs. */
    public List<ColumnPair> keptColumns() {
        if (before == null) {
            return List.of();
        }
        List<ColumnPair> pairs = new ArrayList<>();
        for (TableState.ColumnState old : before.columns()) {
            after.column(old.attnum()).ifPresent(now -> pairs.add(new ColumnPair(old, now)));
        }
        return pairs;
    }

    /** Constraints the statement added (by name). */
    public List<TableState.ConstraintState> addedConstraints() {
        return after.constraints().stream()
                .filter(c -> before == null || before.constraint(c.name()).isEmpty()).toList();
    }

    /** Indexes the statement added (by name). */
    public List<TableState.IndexState> addedIndexes() {
        return after.indexes().stream()
                .filter(i -> before == null || before.indexes().stream().noneMatch(b -> b.name().equals(i.name())))
                .toList();
    }

    public record ColumnPair(TableState.ColumnState before, TableState.ColumnState after) {
    }
}
