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
import java.util.Map;
import java.util.regex.Pattern;

@RuleDefinition(id = "timestamp-default-backfill", severity = Severity.ERROR, section = Section.MIGRATION_ORDERING,
        summary = "Existing rows get the migration's time as their history through a now()-style default or backfill")
public final class TimestampDefaultBackfillRule implements MigrationRule {

    /** The current-time functions, as PostgreSQL prints them in a default and as people write them in an UPDATE. */
    static final Pattern NOW = Pattern.compile("(?i)^\\(*\\s*(?:now\\(\\)|CURRENT_TIMESTAMP(?:\\(\\d\\))?|clock_timestamp\\(\\)"
            + "|statement_timestamp\\(\\)|transaction_timestamp\\(\\)|LOCALTIMESTAMP(?:\\(\\d\\))?|CURRENT_DATE)\\s*\\)*"
            + "(?:::[\\w ]+)?\\s*$");

    static boolean isTimestampType(String type) {
        return type.startsWith("timestamp") || type.equals("date");
    }

    @Override
    public List<Finding> check(MigrationContext context) {
        List<Finding> findings = new ArrayList<>();
        for (MigrationContext.AddedColumn added : context.columnsAddedToExistingTables()) {
            TableState.ColumnState column = added.column();
            if (isTimestampType(column.type()) && column.defaultExpr() != null
                    && NOW.matcher(column.defaultExpr()).matches()) {
                findings.add(finding(context, added.effect(), added.change().table(), column.name(), column.type(),
                        "adds " + column.name() + " " + column.type() + " DEFAULT " + column.defaultExpr()
                                + " to existing table " + added.change().table()));
            }
        }
        for (StatementEffect effect : context.step().statements()) {
            effect.data().ifPresent(data -> {
                if (data.kind() != dev.dbguard.core.history.DataStatement.Kind.UPDATE) {
                    return;
                }
                for (String written : data.tables()) {
                    context.existingTableAt(written, effect).ifPresent(table -> {
                        for (Map.Entry<String, String> set : data.assignments().entrySet()) {
                            TableState.ColumnState column = table.column(set.getKey()).orElse(null);
                            if (column != null && set.getValue() != null && isTimestampType(column.type())
                                    && NOW.matcher(set.getValue()).matches()) {
                                findings.add(finding(context, effect, table.qualifiedName(), column.name(),
                                        column.type(), "backfills existing rows of " + table.qualifiedName()
                                                + " with " + column.name() + " = " + set.getValue()));
                            }
                        }
                    });
                }
            });
        }
        return findings;
    }

    private Finding finding(MigrationContext context, StatementEffect effect, String table, String column,
                            String type, String what) {
        String t = table;
        String c = Sql.ident(column);
        String check = Sql.ident(column + "_not_null");
        String fix = "-- 1. add the column without a default: old rows stay NULL, not 'now'\n"
                + "ALTER TABLE " + t + " ADD COLUMN IF NOT EXISTS " + c + " " + type + ";\n"
                + "-- 2. new rows get the time they are written\n"
                + "ALTER TABLE " + t + " ALTER COLUMN " + c + " SET DEFAULT now();\n"
                + "-- 3. backfill old rows from a real source of their time (choose the column that holds it)\n"
                + "UPDATE " + t + " SET " + c + " = <source column> WHERE " + c + " IS NULL AND <source column> IS NOT NULL;\n"
                + "-- 4. rows with no known time: mark them explicitly and say so\n"
                + "UPDATE " + t + " SET " + c + " = '-infinity' WHERE " + c + " IS NULL;\n"
                + "COMMENT ON COLUMN " + t + "." + c + " IS '-infinity: written before " + column
                + " was recorded; the real time is unknown';\n"
                + "-- 5. then NOT NULL without a long lock\n"
                + "ALTER TABLE " + t + " ADD CONSTRAINT " + check + " CHECK (" + c + " IS NOT NULL) NOT VALID;\n"
                + "ALTER TABLE " + t + " VALIDATE CONSTRAINT " + check + ";\n"
                + "ALTER TABLE " + t + " ALTER COLUMN " + c + " SET NOT NULL;\n"
                + "ALTER TABLE " + t + " DROP CONSTRAINT " + check + ";";
        String rollback = "ALTER TABLE " + t + " ALTER COLUMN " + c + " DROP NOT NULL;\n"
                + "ALTER TABLE " + t + " ALTER COLUMN " + c + " DROP DEFAULT;\n"
                + "COMMENT ON COLUMN " + t + "." + c + " IS NULL;";
        return context.finding(this)
                .table(table)
                .column(column)
                .at(context.at(effect))
                .message(context.step().file() + " " + what + ": every existing row gets the migration's time as "
                        + "its " + column + ", a history that never happened")
                .fix(fix, rollback)
                .build();
    }
}
