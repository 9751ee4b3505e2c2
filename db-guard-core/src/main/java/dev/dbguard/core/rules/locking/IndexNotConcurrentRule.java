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
import java.util.Optional;

/**
 * An index built on an existing table without CONCURRENTLY: PostgreSQL holds a SHARE lock (no INSERT, UPDATE or
 * DELETE) for the whole build, which on a production table takes as long as reading every row and sorting them.
 * <p>
 * Judged from the catalogue: every index a statement adds to an existing table, wherever it comes from (plain
 * {@code CREATE INDEX}, the same inside a {@code DO} block, or an {@code ADD CONSTRAINT ... UNIQUE / PRIMARY KEY}
 * that builds its index under ACCESS EXCLUSIVE, even blocking reads). Quiet for:
 * <ul>
 *   <li>{@code CREATE INDEX CONCURRENTLY} (the only thing the statement text decides);</li>
 *   <li>an index that was already there under another name ({@code ALTER INDEX ... RENAME},
 *       {@code ADD CONSTRAINT ... USING INDEX}, the safe way to a unique constraint);</li>
 *   <li>{@code CREATE INDEX ... ON ONLY} a partitioned table: it indexes no partition (invalid until each partition's
 *       index is attached). A partitioned table cannot be indexed CONCURRENTLY at all, so a plain
 *       {@code CREATE INDEX} on an existing partitioned table is reported with the partition-by-partition fix: ON ONLY
 *       on the parent, CONCURRENTLY on each partition, then {@code ALTER INDEX ... ATTACH PARTITION};</li>
 *   <li>exclusion constraints: no concurrent way to build them exists (lock-timeout-missing still sees the lock);</li>
 *   <li>tables created in the same migration: they have no rows yet.</li>
 * </ul>
 */
@RuleDefinition(id = "index-not-concurrent", severity = Severity.WARNING, section = Section.LOCKING,
        summary = "CREATE INDEX without CONCURRENTLY on an existing table blocks its writes for the whole build")
public final class IndexNotConcurrentRule implements MigrationRule {

    @Override
    public List<Finding> check(MigrationContext context) {
        List<Finding> findings = new ArrayList<>();
        for (StatementEffect effect : context.step().statements()) {
            String text = Locks.text(effect);
            if (Locks.createsIndexConcurrently(text)) {
                continue;
            }
            for (TableChange change : effect.changes()) {
                if (!change.existedBeforeMigration() || change.before() == null) {
                    continue;
                }
                for (TableState.IndexState index : Locks.builtIndexes(change)) {
                    if (Locks.onlyParent(change.after(), index, text)) {
                        continue;
                    }
                    Optional<TableState.ConstraintState> constraint = change.after().constraint(index.name())
                            .filter(c -> c.type().equals("p") || c.type().equals("u") || c.type().equals("x"));
                    if (constraint.isPresent() && constraint.get().type().equals("x")) {
                        continue;
                    }
                    findings.add(constraint.isPresent()
                            ? constraintFinding(context, effect, change.after(), index, constraint.get())
                            : change.after().relkind() == 'p'
                            ? partitionedFinding(context, effect, change.after(), index)
                            : indexFinding(context, effect, change.after(), index));
                }
            }
        }
        return findings;
    }

    private Finding indexFinding(MigrationContext context, StatementEffect effect, TableState table,
                                 TableState.IndexState index) {
        String indexName = Sql.ident(table.schema()) + "." + Sql.ident(index.name());
        return context.finding(this)
                .table(table.qualifiedName())
                .object(index.name())
                .at(context.at(effect))
                .message(context.step().file() + " builds index " + index.name() + " on existing table "
                        + table.qualifiedName() + " without CONCURRENTLY: its SHARE lock blocks every INSERT, UPDATE "
                        + "and DELETE on " + table.qualifiedName() + " until the whole table is read and sorted")
                .fix("-- CONCURRENTLY cannot run inside a transaction: give it a migration of its own (or mark the\n"
                                + "-- migration non-transactional); if it fails, drop the INVALID index it leaves and retry\n"
                                + Locks.concurrently(index.definition(), null) + ";",
                        "DROP INDEX CONCURRENTLY IF EXISTS " + indexName + ";")
                .build();
    }

    private Finding partitionedFinding(MigrationContext context, StatementEffect effect, TableState table,
                                       TableState.IndexState index) {
        String t = Locks.sql(table);
        String indexName = Sql.ident(table.schema()) + "." + Sql.ident(index.name());
        String onOnly = index.definition().contains(" ON ONLY ") ? index.definition()
                : index.definition().replaceFirst(" ON ", " ON ONLY ");
        return context.finding(this)
                .table(table.qualifiedName())
                .object(index.name())
                .at(context.at(effect))
                .message(context.step().file() + " builds index " + index.name() + " on existing partitioned table "
                        + table.qualifiedName() + " and, with it, on every partition: each partition is locked "
                        + "against writes (SHARE) until its index is built, and a partitioned table cannot be "
                        + "indexed CONCURRENTLY")
                .fix("-- 1. the parent's index alone: instant, INVALID until every partition's index is attached\n"
                                + onOnly + ";\n"
                                + "-- 2. for each partition p of " + t + " (outside a transaction):\n"
                                + "--    CREATE " + (index.unique() ? "UNIQUE " : "") + "INDEX CONCURRENTLY <p>_"
                                + index.name().replace("\"", "") + " ON <p> " + method(index.definition()) + ";\n"
                                + "--    ALTER INDEX " + indexName + " ATTACH PARTITION <p>_"
                                + index.name().replace("\"", "") + ";\n"
                                + "-- the parent's index becomes valid once the last partition's index is attached",
                        "DROP INDEX IF EXISTS " + indexName + "; -- drops the attached partition indexes with it")
                .build();
    }

    /** {@code USING btree (a, b) WHERE ...}: the part of an index definition after its table. */
    private static String method(String definition) {
        int on = definition.indexOf(" ON ");
        int using = on < 0 ? -1 : definition.indexOf(" USING ", on);
        return using < 0 ? "(<the same columns>)" : definition.substring(using + 1);
    }

    private Finding constraintFinding(MigrationContext context, StatementEffect effect, TableState table,
                                      TableState.IndexState index, TableState.ConstraintState constraint) {
        String t = Locks.sql(table);
        String kind = constraint.type().equals("p") ? "PRIMARY KEY" : "UNIQUE";
        String helper = Locks.name(index.name(), "idx");
        return context.finding(this)
                .table(table.qualifiedName())
                .object(constraint.name())
                .at(context.at(effect))
                .message(context.step().file() + " adds " + kind + " constraint " + constraint.name()
                        + " to existing table " + table.qualifiedName() + ", which builds its index in place under "
                        + "an ACCESS EXCLUSIVE lock: no query on " + table.qualifiedName()
                        + " runs until every row is read and sorted")
                .fix("-- build the index without blocking writes (outside a transaction), then adopt it: instant\n"
                                + Locks.concurrently(index.definition(), helper) + ";\n"
                                + "ALTER TABLE " + t + " ADD CONSTRAINT " + Sql.ident(constraint.name()) + " " + kind
                                + " USING INDEX " + helper + ";"
                                + (kind.equals("PRIMARY KEY")
                                ? "\n-- (PRIMARY KEY USING INDEX needs the key columns NOT NULL already)" : ""),
                        "ALTER TABLE " + t + " DROP CONSTRAINT IF EXISTS " + Sql.ident(constraint.name()) + ";\n"
                                + "DROP INDEX CONCURRENTLY IF EXISTS " + Sql.ident(table.schema()) + "." + helper + ";")
                .build();
    }
}
