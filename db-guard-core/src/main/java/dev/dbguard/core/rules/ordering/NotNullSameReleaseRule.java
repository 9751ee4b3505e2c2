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

/**
 * A column added to an existing table in this release and made NOT NULL, without a DEFAULT, in the same release.
 * The finding points at the statement that made it NOT NULL; it is raised by the statement after which the column
 * is NOT NULL without a DEFAULT: that SET NOT NULL itself, or a later DROP DEFAULT of this release.
 */
@RuleDefinition(id = "not-null-same-release", severity = Severity.ERROR, section = Section.MIGRATION_ORDERING,
        summary = "A column added to an existing table is made NOT NULL, without a DEFAULT, in the same release")
public final class NotNullSameReleaseRule implements MigrationRule {

    @Override
    public List<Finding> check(MigrationContext context) {
        List<Finding> findings = new ArrayList<>();
        for (StatementEffect effect : context.step().statements()) {
            for (TableChange change : effect.changes()) {
                for (TableChange.ColumnPair pair : change.keptColumns()) {
                    TableState.ColumnState before = pair.before();
                    TableState.ColumnState after = pair.after();
                    if (!after.notNull() || after.hasDefault()) {
                        continue;
                    }
                    boolean madeNotNullHere = !before.notNull();
                    boolean defaultDroppedHere = before.notNull() && before.hasDefault();
                    if (!madeNotNullHere && !defaultDroppedHere) {
                        continue;
                    }
                    Optional<ReleaseColumns.Added> added =
                            ReleaseColumns.addedInRelease(context.release(), change.oid(), after.attnum());
                    if (added.isEmpty() || !added.get().toExistingTable()) {
                        continue; // added in an earlier release, or to a table that had no rows yet
                    }
                    if (madeNotNullHere) {
                        findings.add(finding(context, new ReleaseColumns.Event(context.step(), effect, change, pair),
                                added.get(), null));
                    } else {
                        // NOT NULL while the DEFAULT still covered old code; the DEFAULT goes here
                        ReleaseColumns.madeNotNull(context.release(), change.oid(), after.attnum(), context.step(),
                                        effect)
                                // without a DEFAULT then, that statement was reported already
                                .filter(madeNotNull -> madeNotNull.pair().after().hasDefault())
                                .ifPresent(madeNotNull -> findings.add(finding(context, madeNotNull, added.get(),
                                        effect)));
                    }
                }
            }
        }
        return findings;
    }

    private Finding finding(MigrationContext context, ReleaseColumns.Event madeNotNull, ReleaseColumns.Added added,
                            StatementEffect defaultDropped) {
        TableState table = madeNotNull.change().after();
        String column = madeNotNull.pair().after().name();
        String t = ReleaseColumns.table(table);
        String c = Sql.ident(column);
        String addedWhere = added.step().file().equals(madeNotNull.step().file())
                ? "earlier in the same migration" : "by " + added.step().file() + " of the same release";
        String what = madeNotNull.step().file() + " makes " + table.qualifiedName() + "." + column
                + " NOT NULL, a column added " + addedWhere
                + (defaultDropped == null ? ", with no DEFAULT"
                        : ", and " + context.step().file() + " (line " + defaultDropped.statement().line()
                                + ") then drops its DEFAULT");
        String fix = "-- this release: keep " + column + " nullable; deploy the code that writes it\n"
                + "ALTER TABLE " + t + " ALTER COLUMN " + c + " DROP NOT NULL;\n"
                + "-- next release, once no running code inserts without " + column + ":\n"
                + "UPDATE " + t + " SET " + c + " = <value> WHERE " + c + " IS NULL;\n"
                + ReleaseColumns.notNullWithoutScan(table, column);
        String rollback = "ALTER TABLE " + t + " ALTER COLUMN " + c + " DROP NOT NULL;";
        return context.finding(this)
                .table(table.qualifiedName())
                .column(column)
                .at(madeNotNull.at())
                .message(what + ": the previous release's code, still running while this release deploys, does not "
                        + "write " + column + " and can no longer insert into " + table.qualifiedName())
                .fix(fix, rollback)
                .build();
    }
}
