package dev.dbguard.core.rules.dataloss;

import dev.dbguard.core.catalog.QualifiedName;
import dev.dbguard.core.history.StatementEffect;
import dev.dbguard.core.journal.TableState;
import dev.dbguard.core.migration.MigrationException;
import dev.dbguard.core.api.Finding;
import dev.dbguard.core.api.Severity;
import dev.dbguard.core.api.SourceRef;
import dev.dbguard.core.rules.MigrationContext;
import dev.dbguard.core.rules.MigrationRule;
import dev.dbguard.core.rules.Need;
import dev.dbguard.core.rules.RuleDefinition;
import dev.dbguard.core.rules.Section;
import java.util.List;

@RuleDefinition(id = "fails-on-existing-data", severity = Severity.ERROR, section = Section.DATA_LOSS,
        needs = Need.REHEARSAL,
        summary = "a migration succeeds on empty tables but fails once they hold rows")
public final class FailsOnExistingDataRule implements MigrationRule {

    @Override
    public List<Finding> check(MigrationContext context) {
        return context.rehearsal()
                .map(step -> step.failedWithRows())
                .map(failure -> List.of(finding(context, failure)))
                .orElse(List.of());
    }

    private Finding finding(MigrationContext context, MigrationException failure) {
        String error = postgresError(failure);
        return context.finding(this)
                .table(table(context, failure))
                .at(statementAt(context, failure.line()))
                .message(context.step().file() + " applies to empty tables but fails once they hold rows, as "
                        + "production's do: " + error)
                .fix("-- make the statement hold for every row production has before it runs: backfill a column "
                                + "before SET NOT NULL,\n-- clean or fix rows before adding a CHECK, UNIQUE or FOREIGN KEY "
                                + "(or add it NOT VALID and VALIDATE later),\n-- give a type change a USING expression "
                                + "that converts every value",
                        null)
                .build();
    }

    /**
     * The table PostgreSQL's error names (its schema_name and table_name fields), schema-qualified: a bare name is
     * the table of that name that existed before the migration, else one in the first judged schema. Null when the
     * error names no table.
     */
    static String table(MigrationContext context, MigrationException failure) {
        MigrationException.Subject subject = failure.subject();
        if (subject == null || subject.table() == null) {
            return null;
        }
        if (subject.schema() != null) {
            return new QualifiedName(subject.schema(), subject.table()).toString();
        }
        return context.existingTable(subject.table()).map(TableState::qualifiedName)
                .orElse(new QualifiedName(context.config().schemas().get(0), subject.table()).toString());
    }

    /** The statement holding the failing line (a DO block's error line is inside it), else the migration. */
    private static SourceRef statementAt(MigrationContext context, int line) {
        SourceRef at = context.atMigration();
        for (StatementEffect effect : context.step().statements()) {
            if (effect.statement().line() <= line) {
                at = context.at(effect);
            }
        }
        return at;
    }

    /** PostgreSQL's SQLSTATE and text, without the file:line prefix the message starts with. */
    static String postgresError(MigrationException failure) {
        String first = failure.getMessage().lines().findFirst().orElse("");
        int rejected = first.indexOf(": PostgreSQL rejected the statement: ");
        return rejected >= 0 ? first.substring(rejected + ": PostgreSQL rejected the statement: ".length()) : first;
    }
}
