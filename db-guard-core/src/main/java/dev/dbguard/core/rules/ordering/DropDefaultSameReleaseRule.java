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

@RuleDefinition(id = "drop-default-same-release", severity = Severity.ERROR, section = Section.MIGRATION_ORDERING,
        summary = "The DEFAULT of a column added to an existing table is dropped in the release that added it")
public final class DropDefaultSameReleaseRule implements MigrationRule {

    @Override
    public List<Finding> check(MigrationContext context) {
        List<Finding> findings = new ArrayList<>();
        for (StatementEffect effect : context.step().statements()) {
            for (TableChange change : effect.changes()) {
                for (TableChange.ColumnPair pair : change.keptColumns()) {
                    if (pair.before().defaultExpr() == null || pair.after().defaultExpr() != null) {
                        continue;
                    }
                    Optional<ReleaseColumns.Added> added =
                            ReleaseColumns.addedInRelease(context.release(), change.oid(), pair.after().attnum());
                    if (added.isPresent() && added.get().toExistingTable()) {
                        findings.add(finding(context, effect, change.after(), pair, added.get()));
                    }
                }
            }
        }
        return findings;
    }

    private Finding finding(MigrationContext context, StatementEffect effect, TableState table,
                            TableChange.ColumnPair pair, ReleaseColumns.Added added) {
        String column = pair.after().name();
        String oldDefault = pair.before().defaultExpr();
        String t = ReleaseColumns.table(table);
        String c = Sql.ident(column);
        String addedWhere = added.step().file().equals(context.step().file())
                ? "earlier in the same migration" : "by " + added.step().file() + " of the same release";
        String consequence = pair.after().notNull()
                ? "fail on NOT NULL" : "store NULL in it";
        String fix = "-- this release: keep the DEFAULT, so code that does not write " + column + " still works\n"
                + "ALTER TABLE " + t + " ALTER COLUMN " + c + " SET DEFAULT " + oldDefault + ";\n"
                + "-- next release, once every running version writes " + column + ":\n"
                + "ALTER TABLE " + t + " ALTER COLUMN " + c + " DROP DEFAULT;";
        String rollback = "ALTER TABLE " + t + " ALTER COLUMN " + c + " DROP DEFAULT;";
        return context.finding(this)
                .table(table.qualifiedName())
                .column(column)
                .at(context.at(effect))
                .message(context.step().file() + " drops the DEFAULT " + oldDefault + " of " + table.qualifiedName()
                        + "." + column + ", a column added " + addedWhere + ": inserts by the previous release's code, "
                        + "still running while this release deploys and unaware of " + column + ", now "
                        + consequence)
                .fix(fix, rollback)
                .build();
    }
}
