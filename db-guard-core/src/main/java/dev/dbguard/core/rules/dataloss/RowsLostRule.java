package dev.dbguard.core.rules.dataloss;

import dev.dbguard.core.history.StatementEffect;
import dev.dbguard.core.rehearsal.RehearsalOutcome;
import dev.dbguard.core.api.Finding;
import dev.dbguard.core.api.Severity;
import dev.dbguard.core.api.SourceRef;
import dev.dbguard.core.rules.MigrationContext;
import dev.dbguard.core.rules.MigrationRule;
import dev.dbguard.core.rules.Need;
import dev.dbguard.core.rules.RuleDefinition;
import dev.dbguard.core.rules.Section;
import java.util.ArrayList;
import java.util.List;

@RuleDefinition(id = "rows-lost", severity = Severity.ERROR, section = Section.DATA_LOSS,
        needs = Need.REHEARSAL,
        summary = "during rehearsal (synthetic rows present before each migration), a table's row count falls across a migration")
public final class RowsLostRule implements MigrationRule {

    @Override
    public List<Finding> check(MigrationContext context) {
        List<Finding> findings = new ArrayList<>();
        context.rehearsal().ifPresent(step -> {
            for (RehearsalOutcome.RowsLost lost : step.rowsLost()) {
                findings.add(context.finding(this)
                        .table(lost.table())
                        .at(statementAbout(context, lost.table()))
                        .message(lost.table() + " held " + lost.before() + " rows before " + context.step().file()
                                + " and " + lost.after() + " after it, in the rehearsal with synthetic rows: the "
                                + "migration removes rows that production's table holds")
                        .fix("-- find the statement that removes them: a DELETE or UPDATE whose WHERE matches more "
                                        + "than meant,\n-- a table rebuilt from a SELECT that filters, a cast or a "
                                        + "constraint that discards rows;\n-- copy the rows first and move them with "
                                        + "a statement that keeps every one, e.g.\n"
                                        + "-- CREATE TABLE " + lost.table() + "_backup AS TABLE " + lost.table() + ";",
                                null)
                        .build());
            }
        });
        return findings;
    }

    /** The first statement that wrote to, altered or dropped the table, else the migration's first statement. */
    static SourceRef statementAbout(MigrationContext context, String qualifiedTable) {
        String name = qualifiedTable.substring(qualifiedTable.indexOf('.') + 1);
        for (StatementEffect effect : context.step().statements()) {
            boolean data = effect.data().map(d -> d.tables().stream()
                    .anyMatch(w -> w.equals(qualifiedTable) || w.equals(name))).orElse(false);
            boolean ddl = effect.changes().stream().anyMatch(c -> c.table().equals(qualifiedTable));
            boolean dropped = effect.dropped().stream()
                    .anyMatch(d -> d.object().objectIdentity().equals(qualifiedTable)
                            || d.object().objectIdentity().startsWith(qualifiedTable + "."));
            if (data || ddl || dropped) {
                return context.at(effect);
            }
        }
        return context.atMigration();
    }
}
