package dev.dbguard.core.rules.ordering;

import dev.dbguard.core.catalog.Sql;
import dev.dbguard.core.history.StatementEffect;
import dev.dbguard.core.history.TableChange;
import dev.dbguard.core.journal.TableState;
import dev.dbguard.core.api.Finding;
import dev.dbguard.core.api.Severity;
import dev.dbguard.core.rules.MigrationContext;
import dev.dbguard.core.rules.MigrationRule;
import dev.dbguard.core.rules.RuleDefinition;
import dev.dbguard.core.rules.Section;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

@RuleDefinition(id = "set-not-null-full-scan", severity = Severity.WARNING, section = Section.MIGRATION_ORDERING,
        summary = "SET NOT NULL on an existing table without a validated CHECK (col IS NOT NULL) scans it under ACCESS EXCLUSIVE")
public final class SetNotNullFullScanRule implements MigrationRule {

    @Override
    public List<Finding> check(MigrationContext context) {
        List<Finding> findings = new ArrayList<>();
        for (StatementEffect effect : context.step().statements()) {
            for (TableChange change : effect.changes()) {
                TableState existing = context.step().tablesBefore().get(change.oid());
                if (!change.existedBeforeMigration() || existing == null) {
                    continue;
                }
                for (TableChange.ColumnPair pair : change.keptColumns()) {
                    if (pair.before().notNull() || !pair.after().notNull()
                            || existing.column(pair.after().attnum()).isEmpty()) {
                        continue; // already NOT NULL, still nullable, or a column of this migration (no old values)
                    }
                    // PostgreSQL skips the scan when a validated CHECK already proves the column has no NULL; the
                    // state that counts is the one right before the command that set NOT NULL (a DO block may
                    // add and validate the check first)
                    TableState atSetNotNull = change.stateBeforeNotNull(pair.after().attnum());
                    TableState judged = atSetNotNull != null ? atSetNotNull : change.before();
                    if (!judged.hasValidatedNotNullCheck(pair.before().name())) {
                        findings.add(finding(context, effect, change.after(), pair.after().name(),
                                notValidCheck(judged, pair.before().name())));
                    }
                }
            }
        }
        return findings;
    }

    /** A CHECK (column IS NOT NULL) that exists but is NOT VALID yet: validating it is all that is missing. */
    private static Optional<String> notValidCheck(TableState table, String column) {
        Pattern isNotNull = Pattern.compile("^CHECK \\(*\"?" + Pattern.quote(column) + "\"? IS NOT NULL\\)* NOT VALID$");
        return table.constraints().stream()
                .filter(c -> c.type().equals("c") && !c.validated() && isNotNull.matcher(c.definition()).matches())
                .map(TableState.ConstraintState::name).findFirst();
    }

    private Finding finding(MigrationContext context, StatementEffect effect, TableState table, String column,
                            Optional<String> notValidCheck) {
        String t = ReleaseColumns.table(table);
        String fix = notValidCheck
                .map(check -> "-- validate the NOT VALID check first (a weak lock); SET NOT NULL then skips the scan\n"
                        + "ALTER TABLE " + t + " VALIDATE CONSTRAINT " + Sql.ident(check) + ";\n"
                        + "ALTER TABLE " + t + " ALTER COLUMN " + Sql.ident(column) + " SET NOT NULL;")
                .orElse("-- prove the column has no NULL under a weak lock first; SET NOT NULL then skips the scan\n"
                        + ReleaseColumns.notNullWithoutScan(table, column));
        String rollback = "ALTER TABLE " + t + " ALTER COLUMN " + Sql.ident(column) + " DROP NOT NULL;";
        return context.finding(this)
                .table(table.qualifiedName())
                .column(column)
                .at(context.at(effect))
                .message(context.step().file() + " sets " + table.qualifiedName() + "." + column + " NOT NULL with no "
                        + "validated CHECK (" + column + " IS NOT NULL): PostgreSQL scans every row of the existing "
                        + "table while holding ACCESS EXCLUSIVE, blocking all reads and writes")
                .fix(fix, rollback)
                .build();
    }
}
