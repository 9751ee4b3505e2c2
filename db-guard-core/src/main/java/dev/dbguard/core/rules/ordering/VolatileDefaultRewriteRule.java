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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

@RuleDefinition(id = "volatile-default-rewrite", severity = Severity.WARNING, section = Section.MIGRATION_ORDERING,
        summary = "A column with a volatile DEFAULT added to an existing table rewrites it under ACCESS EXCLUSIVE")
public final class VolatileDefaultRewriteRule implements MigrationRule {

    /** The sequence of a serial-style default, as PostgreSQL prints it. */
    private static final Pattern NEXTVAL = Pattern.compile("^nextval\\('((?:[^']|'')+)'::regclass\\)$");

    @Override
    public List<Finding> check(MigrationContext context) {
        List<Finding> findings = new ArrayList<>();
        for (MigrationContext.AddedColumn added : context.columnsAddedToExistingTables()) {
            TableState.ColumnState column = added.column();
            if (column.defaultExpr() != null && context.history().isVolatile(column.defaultExpr())) {
                findings.add(finding(context, added.effect(), added.change().after(), column));
            }
        }
        return findings;
    }

    private Finding finding(MigrationContext context, StatementEffect effect, TableState table,
                            TableState.ColumnState column) {
        String t = ReleaseColumns.table(table);
        String c = Sql.ident(column.name());
        String expr = column.defaultExpr();
        Matcher nextval = NEXTVAL.matcher(expr);
        String fix = "-- add the column without the default: a catalogue change, no rewrite\n"
                + "ALTER TABLE " + t + " ADD COLUMN " + c + " " + column.type() + ";\n"
                + (nextval.find() ? "CREATE SEQUENCE IF NOT EXISTS " + nextval.group(1) + " OWNED BY " + t + "." + c
                        + ";\n" : "")
                + "-- new rows get the default from now on\n"
                + "ALTER TABLE " + t + " ALTER COLUMN " + c + " SET DEFAULT " + expr + ";\n"
                + "-- fill the existing rows in batches, each in its own transaction; repeat until it updates 0 rows\n"
                + "UPDATE " + t + " SET " + c + " = " + expr + " WHERE ctid IN (SELECT ctid FROM " + t + " WHERE " + c
                + " IS NULL LIMIT 10000);"
                + (column.notNull() ? "\n-- then NOT NULL without a long lock\n"
                        + ReleaseColumns.notNullWithoutScan(table, column.name()) : "");
        String rollback = "ALTER TABLE " + t + " DROP COLUMN " + c + ";";
        return context.finding(this)
                .table(table.qualifiedName())
                .column(column.name())
                .at(context.at(effect))
                .message(context.step().file() + " adds " + column.name() + " " + column.type() + " DEFAULT " + expr
                        + " to existing table " + table.qualifiedName() + ": the default is volatile, so PostgreSQL "
                        + "computes it for every row and rewrites the whole table under ACCESS EXCLUSIVE, blocking "
                        + "all reads and writes until it is done")
                .fix(fix, rollback)
                .build();
    }
}
