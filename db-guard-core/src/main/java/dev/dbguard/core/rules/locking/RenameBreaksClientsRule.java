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
import java.util.regex.Pattern;

/**
 * A table, or a column of a table, that existed before the migration gets a new name (same oid, or same attribute
 * number, new name; moving a table to another schema counts too). The code of the previous release is still running
 * while the migration deploys, and every query of it that names the old name fails from the moment the migration
 * commits. Judged from the catalogue, so renames inside {@code DO} blocks count the same.
 * <p>
 * Quiet for: renames of tables created in the same migration and of columns added in it (no code knows them yet);
 * a table rename followed, in the same migration, by a view under the old name (the expand half of expand/contract:
 * a simple view over one table passes reads and writes through to it).
 */
@RuleDefinition(id = "rename-breaks-clients", severity = Severity.WARNING, section = Section.LOCKING,
        summary = "A table or column of an existing table is renamed while running code still uses the old name")
public final class RenameBreaksClientsRule implements MigrationRule {

    @Override
    public List<Finding> check(MigrationContext context) {
        List<Finding> findings = new ArrayList<>();
        List<StatementEffect> statements = context.step().statements();
        for (int i = 0; i < statements.size(); i++) {
            StatementEffect effect = statements.get(i);
            for (TableChange change : effect.changes()) {
                if (!change.existedBeforeMigration() || change.before() == null) {
                    continue;
                }
                TableState before = change.before();
                TableState after = change.after();
                if ((!before.name().equals(after.name()) || !before.schema().equals(after.schema()))
                        && !viewKeepsOldName(statements.subList(i, statements.size()), before)) {
                    findings.add(tableFinding(context, effect, before, after));
                }
                TableState atStart = context.step().tablesBefore().get(change.oid());
                for (TableChange.ColumnPair pair : change.keptColumns()) {
                    boolean existingColumn = atStart != null && atStart.column(pair.before().attnum()).isPresent();
                    if (existingColumn && !pair.before().name().equals(pair.after().name())) {
                        findings.add(columnFinding(context, effect, after, pair));
                    }
                }
            }
        }
        return findings;
    }

    /** True when one of the statements creates a view under the table's old name (any statement text, DO included). */
    private static boolean viewKeepsOldName(List<StatementEffect> statements, TableState old) {
        String name = "(?:\"" + Pattern.quote(old.name()) + "\"|" + (old.name().equals(old.name().toLowerCase())
                ? "(?i:" + Pattern.quote(old.name()) + ")" : "(?!)") + ")";
        String schema = "(?:\"" + Pattern.quote(old.schema()) + "\"|(?i:" + Pattern.quote(old.schema()) + "))";
        Pattern view = Pattern.compile("(?is)\\bCREATE\\s+(?:OR\\s+REPLACE\\s+)?(?:RECURSIVE\\s+)?VIEW\\s+(?:" + schema
                + "\\s*\\.\\s*)?" + name + "(?![\\w$\"])");
        return statements.stream().anyMatch(s -> view.matcher(Locks.text(s)).find());
    }

    private Finding tableFinding(MigrationContext context, StatementEffect effect, TableState before, TableState after) {
        String oldSql = Locks.sql(before);
        String newSql = Locks.sql(after);
        boolean moved = !before.schema().equals(after.schema());
        String change = moved && before.name().equals(after.name())
                ? "moves existing table " + before.qualifiedName() + " to schema " + after.schema()
                : "renames existing table " + before.qualifiedName() + " to " + after.qualifiedName();
        return context.finding(this)
                .table(after.qualifiedName())
                .object(before.qualifiedName())
                .at(context.at(effect))
                .message(context.step().file() + " " + change + ": every query of the running release that names "
                        + before.qualifiedName() + " fails once the migration commits (and the rename waits for an "
                        + "ACCESS EXCLUSIVE lock)")
                .fix("-- expand: keep the old name working as a view until no released code uses it\n"
                                + "-- (a simple view over one table takes INSERT, UPDATE and DELETE too; security_invoker,\n"
                                + "-- PostgreSQL 15+, keeps the table's row level security for the caller)\n"
                                + "CREATE VIEW " + oldSql + " WITH (security_invoker = true) AS SELECT * FROM " + newSql + ";\n"
                                + "-- contract, in a later release once no code names " + before.qualifiedName() + ":\n"
                                + "-- DROP VIEW " + oldSql + ";",
                        "DROP VIEW IF EXISTS " + oldSql + ";\n"
                                + (moved ? "ALTER TABLE " + newSql + " SET SCHEMA " + Sql.ident(before.schema()) + ";\n" : "")
                                + (before.name().equals(after.name()) ? ""
                                : "ALTER TABLE " + Sql.ident(before.schema()) + "." + Sql.ident(after.name())
                                + " RENAME TO " + Sql.ident(before.name()) + ";"))
                .build();
    }

    private Finding columnFinding(MigrationContext context, StatementEffect effect, TableState table,
                                  TableChange.ColumnPair pair) {
        String t = Locks.sql(table);
        String old = Sql.ident(pair.before().name());
        String now = Sql.ident(pair.after().name());
        String sync = Locks.name(table.name(), pair.after().name(), "sync");
        String qualifiedSync = Sql.ident(table.schema()) + "." + sync;
        String fix = "-- instead of the RENAME COLUMN: expand with a new column kept in step with the old one\n"
                + "ALTER TABLE " + t + " ADD COLUMN " + now + " " + pair.after().type() + ";\n"
                + "CREATE FUNCTION " + qualifiedSync + "() RETURNS trigger LANGUAGE plpgsql AS $$\n"
                + "BEGIN\n"
                + "    IF TG_OP = 'INSERT' THEN\n"
                + "        NEW." + now + " := coalesce(NEW." + now + ", NEW." + old + ");\n"
                + "        NEW." + old + " := coalesce(NEW." + old + ", NEW." + now + ");\n"
                + "    ELSIF NEW." + now + " IS DISTINCT FROM OLD." + now + " THEN\n"
                + "        NEW." + old + " := NEW." + now + ";\n"
                + "    ELSE\n"
                + "        NEW." + now + " := NEW." + old + ";\n"
                + "    END IF;\n"
                + "    RETURN NEW;\n"
                + "END\n$$;\n"
                + "CREATE TRIGGER " + sync + " BEFORE INSERT OR UPDATE ON " + t + " FOR EACH ROW EXECUTE FUNCTION "
                + qualifiedSync + "();\n"
                + "-- backfill in batches (repeat until it updates no row)\n"
                + "UPDATE " + t + " SET " + now + " = " + old + " WHERE ctid IN (SELECT ctid FROM " + t + " WHERE "
                + now + " IS DISTINCT FROM " + old + " LIMIT 10000);\n"
                + "-- contract, in a later release once no code uses " + old + ":\n"
                + "-- DROP TRIGGER " + sync + " ON " + t + "; DROP FUNCTION " + qualifiedSync + "();\n"
                + "-- ALTER TABLE " + t + " DROP COLUMN " + old + ";";
        String rollback = "DROP TRIGGER IF EXISTS " + sync + " ON " + t + ";\n"
                + "DROP FUNCTION IF EXISTS " + qualifiedSync + "();\n"
                + "ALTER TABLE " + t + " DROP COLUMN IF EXISTS " + now + ";";
        return context.finding(this)
                .table(table.qualifiedName())
                .column(pair.after().name())
                .object(table.qualifiedName() + "." + pair.before().name())
                .at(context.at(effect))
                .message(context.step().file() + " renames column " + table.qualifiedName() + "."
                        + pair.before().name() + " to " + pair.after().name() + ": every query of the running release "
                        + "that names " + pair.before().name() + " fails once the migration commits (and the rename "
                        + "waits for an ACCESS EXCLUSIVE lock)")
                .fix(fix, rollback)
                .build();
    }
}
