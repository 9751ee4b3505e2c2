package dev.dbguard.core.rules.ordering;

import dev.dbguard.core.catalog.Sql;
import dev.dbguard.core.history.MigrationStep;
import dev.dbguard.core.history.StatementEffect;
import dev.dbguard.core.history.TableChange;
import dev.dbguard.core.journal.TableState;
import dev.dbguard.core.api.SourceRef;
import java.util.List;
import java.util.Optional;

/** What the ordering rules share: a column's history inside one release, and the SQL of their fixes. */
final class ReleaseColumns {

    private ReleaseColumns() {
    }

    /** Where a column was added: the step, the statement and what it did to the table. */
    record Added(MigrationStep step, StatementEffect effect, TableChange change, TableState.ColumnState column) {

        /** True when the table held rows when the column arrived: it existed before the migration that added it. */
        boolean toExistingTable() {
            return change.existedBeforeMigration();
        }
    }

    /** A statement of some step of the release and what it did to one kept column. */
    record Event(MigrationStep step, StatementEffect effect, TableChange change, TableChange.ColumnPair pair) {
        SourceRef at() {
            return ReleaseColumns.at(step, effect);
        }
    }

    static SourceRef at(MigrationStep step, StatementEffect effect) {
        return new SourceRef(step.file(), effect.statement().line());
    }

    /** The statement of the release (up to this step) that added column {@code attnum} of table {@code oid}. */
    static Optional<Added> addedInRelease(List<MigrationStep> release, long oid, int attnum) {
        for (MigrationStep step : release) {
            for (StatementEffect effect : step.statements()) {
                for (TableChange change : effect.changes()) {
                    if (change.oid() != oid) {
                        continue;
                    }
                    for (TableState.ColumnState column : change.addedColumns()) {
                        if (column.attnum() == attnum) {
                            return Optional.of(new Added(step, effect, change, column));
                        }
                    }
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The last statement of the release, before {@code until} in {@code untilStep}, that made the column NOT NULL
     * after it was added (SET NOT NULL or anything else that turned a nullable column NOT NULL).
     */
    static Optional<Event> madeNotNull(List<MigrationStep> release, long oid, int attnum, MigrationStep untilStep,
                                       StatementEffect until) {
        Event last = null;
        for (MigrationStep step : release) {
            for (StatementEffect effect : step.statements()) {
                if (step == untilStep && effect == until) {
                    return Optional.ofNullable(last);
                }
                for (TableChange change : effect.changes()) {
                    if (change.oid() != oid) {
                        continue;
                    }
                    for (TableChange.ColumnPair pair : change.keptColumns()) {
                        if (pair.after().attnum() == attnum && !pair.before().notNull() && pair.after().notNull()) {
                            last = new Event(step, effect, change, pair);
                        }
                    }
                }
            }
            if (step == untilStep) {
                break;
            }
        }
        return Optional.ofNullable(last);
    }

    /** The table as SQL: schema-qualified, quoted where needed. */
    static String table(TableState table) {
        return Sql.ident(table.schema()) + "." + Sql.ident(table.name());
    }

    /** The name of the temporary {@code CHECK (col IS NOT NULL)}, PostgreSQL-style, within 63 bytes. */
    static String checkName(TableState table, String column) {
        String name = table.name() + "_" + column + "_not_null";
        return Sql.ident(name.length() > 63 ? name.substring(0, 63) : name);
    }

    /** NOT NULL without a long lock: a NOT VALID check, validated under a weak lock, then SET NOT NULL uses it. */
    static String notNullWithoutScan(TableState table, String column) {
        String t = table(table);
        String c = Sql.ident(column);
        String check = checkName(table, column);
        return "ALTER TABLE " + t + " ADD CONSTRAINT " + check + " CHECK (" + c + " IS NOT NULL) NOT VALID;\n"
                + "ALTER TABLE " + t + " VALIDATE CONSTRAINT " + check + ";\n"
                + "ALTER TABLE " + t + " ALTER COLUMN " + c + " SET NOT NULL;\n"
                + "ALTER TABLE " + t + " DROP CONSTRAINT " + check + ";";
    }
}
