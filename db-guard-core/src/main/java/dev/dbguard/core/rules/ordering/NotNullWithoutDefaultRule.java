package dev.dbguard.core.rules.ordering;

import dev.dbguard.core.catalog.Sql;
import dev.dbguard.core.history.StatementEffect;
import dev.dbguard.core.journal.TableState;
import dev.dbguard.core.api.Finding;
import dev.dbguard.core.api.Severity;
import dev.dbguard.core.rules.MigrationContext;
import dev.dbguard.core.rules.MigrationRule;
import dev.dbguard.core.rules.RuleDefinition;
import dev.dbguard.core.rules.Section;
import java.util.ArrayList;
import java.util.List;

@RuleDefinition(id = "not-null-without-default", severity = Severity.ERROR, section = Section.MIGRATION_ORDERING,
        summary = "ADD COLUMN ... NOT NULL without a DEFAULT on an existing table")
public final class NotNullWithoutDefaultRule implements MigrationRule {

    @Override
    public List<Finding> check(MigrationContext context) {
        List<Finding> findings = new ArrayList<>();
        for (MigrationContext.AddedColumn added : context.columnsAddedToExistingTables()) {
            // judged as the column was added: ADD COLUMN then SET NOT NULL (even in one DO block) is
            // not-null-same-release's case
            TableState.ColumnState column = added.change().asFirstAdded(added.column().attnum()).orElse(added.column());
            if (column.notNull() && !column.hasDefault()) {
                findings.add(finding(context, added.effect(), added.change().after(), column));
            }
        }
        return findings;
    }

    private Finding finding(MigrationContext context, StatementEffect effect, TableState table,
                            TableState.ColumnState column) {
        String t = ReleaseColumns.table(table);
        String c = Sql.ident(column.name());
        String fix = "-- release 1: add the column nullable and deploy code that writes it\n"
                + "ALTER TABLE " + t + " ADD COLUMN " + c + " " + column.type() + ";\n"
                + "-- backfill the existing rows from where their value really comes from\n"
                + "UPDATE " + t + " SET " + c + " = <value> WHERE " + c + " IS NULL;\n"
                + "-- release 2, once no running code inserts without " + column.name() + ": NOT NULL without a long lock\n"
                + ReleaseColumns.notNullWithoutScan(table, column.name());
        String rollback = "-- release 2\n"
                + "ALTER TABLE " + t + " ALTER COLUMN " + c + " DROP NOT NULL;\n"
                + "-- release 1\n"
                + "ALTER TABLE " + t + " DROP COLUMN " + c + ";";
        return context.finding(this)
                .table(table.qualifiedName())
                .column(column.name())
                .at(context.at(effect))
                .message(context.step().file() + " adds " + column.name() + " " + column.type()
                        + " NOT NULL without a DEFAULT to existing table " + table.qualifiedName()
                        + ": the migration fails as soon as the table has rows (they would hold NULL), and the code "
                        + "already running, which does not know " + column.name() + ", can no longer insert")
                .fix(fix, rollback)
                .build();
    }
}
