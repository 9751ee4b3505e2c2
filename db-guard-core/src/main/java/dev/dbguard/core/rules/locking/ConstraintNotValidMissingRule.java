package dev.dbguard.core.rules.locking;

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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A FOREIGN KEY or CHECK that appears on an existing table already validated, i.e. added without NOT VALID:
 * PostgreSQL reads every existing row to check it while holding the lock it took to add it (ACCESS EXCLUSIVE for a
 * CHECK; SHARE ROW EXCLUSIVE on both tables for a foreign key). Added {@code NOT VALID} and then
 * {@code VALIDATE CONSTRAINT}d, the check of old rows runs under SHARE UPDATE EXCLUSIVE, which lets reads and writes
 * go on: that sequence is quiet, in one migration or split over two. Judged from the catalogue, so a constraint added
 * inside a {@code DO} block, or with {@code ADD COLUMN ... REFERENCES / CHECK}, counts the same; a renamed
 * constraint is not a new one.
 * <p>
 * A foreign key of a table created in the same migration is not reported, even when it references an existing table:
 * the validation reads only the new table's rows (none yet), and NOT VALID would not shorten the SHARE ROW EXCLUSIVE
 * lock it takes on the referenced table, which lasts until the migration commits either way. (That brief lock is also
 * left out of {@code lock-timeout-missing}: docs/RULES.md exempts what is done to new tables from the locking rules.)
 */
@RuleDefinition(id = "constraint-not-valid-missing", severity = Severity.WARNING, section = Section.LOCKING,
        summary = "A FOREIGN KEY or CHECK is added to an existing table without NOT VALID, checking every row under lock")
public final class ConstraintNotValidMissingRule implements MigrationRule {

    private static final Pattern REFERENCES = Pattern.compile("REFERENCES\\s+((?:\"(?:[^\"]|\"\")+\"|[^\\s(]+))\\s*\\(");

    @Override
    public List<Finding> check(MigrationContext context) {
        List<Finding> findings = new ArrayList<>();
        for (StatementEffect effect : context.step().statements()) {
            for (TableChange change : effect.changes()) {
                if (!change.existedBeforeMigration() || change.before() == null) {
                    continue;
                }
                for (TableState.ConstraintState constraint : Locks.newConstraints(change)) {
                    boolean checked = constraint.type().equals("f") || constraint.type().equals("c");
                    if (checked && constraint.validated() && !addedNotValid(change, constraint.name())) {
                        findings.add(finding(context, effect, change.after(), constraint));
                    }
                }
            }
        }
        return findings;
    }

    /**
     * True when the statement (a {@code DO} block) first added the constraint NOT VALID and validated it only
     * afterwards: the states recorded command by command while it ran tell the two steps apart.
     */
    private static boolean addedNotValid(TableChange change, String name) {
        for (TableState state : change.during()) {
            java.util.Optional<TableState.ConstraintState> seen = state.constraint(name);
            if (seen.isPresent()) {
                return !seen.get().validated();
            }
        }
        return false;
    }

    private Finding finding(MigrationContext context, StatementEffect effect, TableState table,
                            TableState.ConstraintState constraint) {
        String t = Locks.sql(table);
        String name = Sql.ident(constraint.name());
        boolean foreignKey = constraint.type().equals("f");
        String lock;
        if (foreignKey) {
            Matcher referenced = REFERENCES.matcher(constraint.definition());
            lock = "a SHARE ROW EXCLUSIVE lock on " + table.qualifiedName()
                    + (referenced.find() ? " and " + referenced.group(1) : " and the referenced table")
                    + " (no INSERT, UPDATE or DELETE)";
        } else {
            lock = "an ACCESS EXCLUSIVE lock on " + table.qualifiedName() + " (no reads, no writes)";
        }
        String fix;
        if (foreignKey && table.relkind() == 'p') {
            fix = "-- a partitioned table takes no NOT VALID foreign key (before PostgreSQL 18): validate it on each\n"
                    + "-- partition p of " + t + " first, then add it to the parent, which adopts the validated ones\n"
                    + "--   ALTER TABLE <p> ADD CONSTRAINT " + name + " " + constraint.definition() + " NOT VALID;\n"
                    + "--   ALTER TABLE <p> VALIDATE CONSTRAINT " + name + ";\n"
                    + "ALTER TABLE " + t + " ADD CONSTRAINT " + name + " " + constraint.definition() + ";";
        } else {
            fix = "-- instant: from now on new and updated rows are checked\n"
                    + "ALTER TABLE " + t + " ADD CONSTRAINT " + name + " " + constraint.definition() + " NOT VALID;\n"
                    + "-- reads the old rows under SHARE UPDATE EXCLUSIVE: reads and writes go on meanwhile\n"
                    + "ALTER TABLE " + t + " VALIDATE CONSTRAINT " + name + ";";
        }
        return context.finding(this)
                .table(table.qualifiedName())
                .object(constraint.name())
                .at(context.at(effect))
                .message(context.step().file() + " adds " + (foreignKey ? "FOREIGN KEY " : "CHECK ")
                        + constraint.name() + " to existing table " + table.qualifiedName() + " without NOT VALID: "
                        + "every existing row is checked while the migration holds " + lock)
                .fix(fix, "ALTER TABLE " + t + " DROP CONSTRAINT IF EXISTS " + name + ";")
                .build();
    }
}
