package dev.dbguard.core.rules.locking;

import dev.dbguard.core.catalog.Sql;
import dev.dbguard.core.history.MigrationStep;
import dev.dbguard.core.history.StatementEffect;
import dev.dbguard.core.history.TableChange;
import dev.dbguard.core.journal.TableState;
import dev.dbguard.core.rules.MigrationContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the locking rules share: which indexes and constraints a statement really built (not a rename, not an
 * adopted index), and which lock a statement takes on an existing table. The catalogue before and after each
 * statement decides wherever it can (so DDL inside {@code DO} blocks is judged like plain DDL); the statement text
 * only fills in what no catalogue column shows (CONCURRENTLY, policies, triggers, owners, LOCK TABLE ...).
 */
final class Locks {

    private static final Pattern CONCURRENT_INDEX = Pattern.compile(
            "(?is)\\bCREATE\\s+(?:UNIQUE\\s+)?INDEX\\s+CONCURRENTLY\\b");
    private static final Pattern CONCURRENT_DROP_INDEX = Pattern.compile("(?is)\\bDROP\\s+INDEX\\s+CONCURRENTLY\\b");
    private static final Pattern ON_ONLY = Pattern.compile("(?is)\\bON\\s+ONLY\\b");
    private static final Pattern INDEX_NAME = Pattern.compile(
            "^(CREATE (?:UNIQUE )?INDEX )(\"(?:[^\"]|\"\")+\"|\\S+)( ON )");
    private static final Pattern LINE_COMMENT = Pattern.compile("--[^\\n]*");
    private static final Pattern BLOCK_COMMENT = Pattern.compile("(?s)/\\*.*?\\*/");

    /** Commands whose lock no catalogue column shows, with the lock they take on the table they name. */
    private static final List<TextLock> TEXT_LOCKS = List.of(
            new TextLock(Pattern.compile("(?is)\\b(?:CREATE|ALTER|DROP)\\s+POLICY\\b"), "ACCESS EXCLUSIVE", "a policy change"),
            new TextLock(Pattern.compile("(?is)\\bCREATE\\s+(?:OR\\s+REPLACE\\s+)?(?:CONSTRAINT\\s+)?TRIGGER\\b"),
                    "SHARE ROW EXCLUSIVE", "CREATE TRIGGER"),
            new TextLock(Pattern.compile("(?is)\\bDROP\\s+TRIGGER\\b"), "ACCESS EXCLUSIVE", "DROP TRIGGER"),
            new TextLock(Pattern.compile("(?is)\\b(?:ENABLE|DISABLE)\\s+(?:ALWAYS\\s+|REPLICA\\s+)?TRIGGER\\b"),
                    "SHARE ROW EXCLUSIVE", "ENABLE/DISABLE TRIGGER"),
            new TextLock(Pattern.compile("(?is)\\b(?:CREATE\\s+(?:OR\\s+REPLACE\\s+)?|DROP\\s+)RULE\\b"
                    + "|\\b(?:ENABLE|DISABLE)\\s+(?:ALWAYS\\s+|REPLICA\\s+)?RULE\\b"), "ACCESS EXCLUSIVE", "a rule change"),
            new TextLock(Pattern.compile("(?is)\\bOWNER\\s+TO\\b"), "ACCESS EXCLUSIVE", "OWNER TO"),
            new TextLock(Pattern.compile("(?is)\\bREPLICA\\s+IDENTITY\\b"), "ACCESS EXCLUSIVE", "REPLICA IDENTITY"),
            new TextLock(Pattern.compile("(?is)\\bSET\\s+(?:UN)?LOGGED\\b|\\bSET\\s+TABLESPACE\\b|\\bSET\\s+ACCESS\\s+METHOD\\b"
                    + "|\\bSET\\s+STORAGE\\b|\\bSET\\s+COMPRESSION\\b"), "ACCESS EXCLUSIVE", "a storage change"),
            new TextLock(Pattern.compile("(?is)\\b(?:NO\\s+)?INHERIT\\s+[\\w\"]"), "ACCESS EXCLUSIVE", "INHERIT"),
            new TextLock(Pattern.compile("(?is)\\bALTER\\s+CONSTRAINT\\b"), "ACCESS EXCLUSIVE", "ALTER CONSTRAINT"),
            new TextLock(Pattern.compile("(?is)\\bDETACH\\s+PARTITION\\s+(?:\"[^\"]+\"|[\\w$.]+)(?!\\s+(?:CONCURRENTLY|FINALIZE))"),
                    "ACCESS EXCLUSIVE", "DETACH PARTITION"));

    /** Commands that name their table in the text and leave no trace on it in the journal. */
    private static final Pattern LOCK_TABLE = Pattern.compile(
            "(?is)^\\s*LOCK\\s+(?:TABLE\\s+)?(?:ONLY\\s+)?((?:\"[^\"]+\"|[\\w$]+)(?:\\.(?:\"[^\"]+\"|[\\w$]+))?)\\s*\\*?"
                    + "(?:\\s+IN\\s+([A-Z ]+?)\\s+MODE)?\\s*(?:NOWAIT)?\\s*$");
    private static final Pattern MAINTENANCE = Pattern.compile(
            "(?is)^\\s*(VACUUM\\s*(?:\\(\\s*FULL[^)]*\\)|FULL\\b)[^;]*?|CLUSTER(?:\\s+VERBOSE)?|REINDEX\\s+(?:\\([^)]*\\)\\s*)?TABLE)\\s+"
                    + "((?:\"[^\"]+\"|[\\w$]+)(?:\\.(?:\"[^\"]+\"|[\\w$]+))?)");
    private static final Pattern PARTITION_OF = Pattern.compile(
            "(?is)\\bCREATE\\s+(?:UNLOGGED\\s+)?TABLE\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?\\S+\\s+PARTITION\\s+OF\\s+"
                    + "((?:\"[^\"]+\"|[\\w$]+)(?:\\.(?:\"[^\"]+\"|[\\w$]+))?)");

    private Locks() {
    }

    private record TextLock(Pattern pattern, String mode, String what) {
    }

    /** A strong lock a statement takes on an existing table. */
    record Lock(String table, String mode, String what) {
    }

    /** The statement text without comments, for the few facts only the text holds. */
    static String text(StatementEffect effect) {
        String sql = BLOCK_COMMENT.matcher(effect.statement().sql()).replaceAll(" ");
        return LINE_COMMENT.matcher(sql).replaceAll(" ");
    }

    static boolean createsIndexConcurrently(String text) {
        return CONCURRENT_INDEX.matcher(text).find();
    }

    /** {@code schema.table} as SQL text, each part quoted where PostgreSQL needs it. */
    static String sql(TableState table) {
        return Sql.ident(table.schema()) + "." + Sql.ident(table.name());
    }

    /** A name PostgreSQL accepts (63 bytes at most), quoted where needed. */
    static String name(String... parts) {
        String joined = String.join("_", parts);
        return Sql.ident(joined.length() > 63 ? joined.substring(0, 63) : joined);
    }

    /** The table as it stood before the migration, when it existed then. */
    static Optional<TableState> beforeMigration(MigrationContext context, TableChange change) {
        return Optional.ofNullable(context.step().tablesBefore().get(change.oid()));
    }

    // ---------------------------------------------------------------- indexes

    /** An index definition without its name, to recognise the same index under another name. */
    static String withoutName(String definition) {
        return INDEX_NAME.matcher(definition).replaceFirst("$1$3");
    }

    /** The definition with another index name and CONCURRENTLY: the fix's CREATE INDEX. */
    static String concurrently(String definition, String newName) {
        Matcher m = INDEX_NAME.matcher(definition);
        if (!m.find()) {
            return definition;
        }
        String name = newName == null ? m.group(2) : newName;
        return m.group(1) + "CONCURRENTLY " + name + m.group(3) + definition.substring(m.end());
    }

    /**
     * Indexes the statement built on an existing table: not there before under the same name, and not an index that
     * was already there under another name ({@code ALTER INDEX ... RENAME}, {@code ADD CONSTRAINT ... USING INDEX}).
     */
    static List<TableState.IndexState> builtIndexes(TableChange change) {
        if (change.before() == null) {
            return List.of();
        }
        List<TableState.IndexState> built = new ArrayList<>();
        for (TableState.IndexState index : change.after().indexes()) {
            if (change.before().indexes().stream().anyMatch(old -> old.name().equals(index.name()))) {
                continue; // there before (its definition changes with a renamed column or table)
            }
            String shape = withoutName(index.definition());
            boolean renamed = change.before().indexes().stream()
                    .anyMatch(old -> withoutName(old.definition()).equals(shape)
                            && change.after().indexes().stream().noneMatch(now -> now.name().equals(old.name())));
            if (!renamed) {
                built.add(index);
            }
        }
        return built;
    }

    /**
     * True when a new index on a partitioned table was made with {@code ON ONLY}: no partition is indexed by it
     * (it stays invalid until each partition's index is attached), so it locks nothing for long.
     */
    static boolean onlyParent(TableState table, TableState.IndexState index, String text) {
        return table.relkind() == 'p' && (!index.valid() || ON_ONLY.matcher(text).find());
    }

    // ---------------------------------------------------------------- constraints

    private static String shape(TableState.ConstraintState constraint) {
        String definition = constraint.definition();
        return constraint.type() + ":" + (definition.endsWith(" NOT VALID")
                ? definition.substring(0, definition.length() - " NOT VALID".length()) : definition);
    }

    /**
     * Constraints the statement added: not there before under the same name (a definition alone may change with a
     * renamed column or referenced table; VALIDATE only flips the flag), or gone for a moment while the statement ran
     * (dropped and re-added in a DO block), and not a renamed one ({@code RENAME CONSTRAINT}).
     */
    static List<TableState.ConstraintState> newConstraints(TableChange change) {
        if (change.before() == null) {
            return change.after().constraints();
        }
        List<TableState.ConstraintState> added = new ArrayList<>();
        for (TableState.ConstraintState now : change.after().constraints()) {
            if (change.before().constraint(now.name()).isPresent()) {
                boolean goneMeanwhile = change.during().stream().anyMatch(s -> s.constraint(now.name()).isEmpty());
                if (goneMeanwhile) {
                    added.add(now);
                }
                continue;
            }
            boolean renamed = change.before().constraints().stream()
                    .anyMatch(old -> shape(old).equals(shape(now)) && change.after().constraint(old.name()).isEmpty());
            if (!renamed) {
                added.add(now);
            }
        }
        return added;
    }

    private static boolean constraintsRemoved(TableChange change) {
        return change.before().constraints().stream().anyMatch(old -> change.after().constraints().stream()
                .noneMatch(now -> now.name().equals(old.name()) || shape(now).equals(shape(old))));
    }

    // ---------------------------------------------------------------- locks

    /**
     * The strong lock (one that blocks writes, or reads too) a statement takes on an existing table it changed, from
     * what changed: columns, constraints, indexes built without CONCURRENTLY, RLS switches, names. Changes that
     * PostgreSQL makes under SHARE UPDATE EXCLUSIVE (VALIDATE CONSTRAINT, CREATE INDEX CONCURRENTLY, ALTER INDEX
     * RENAME, COMMENT, SET STATISTICS, storage parameters) are not strong; neither are the locks a statement about a
     * new table takes on the tables it references (docs/RULES.md: new tables are exempt from locking rules).
     */
    static Optional<Lock> lockOf(TableChange change, String text) {
        if (!change.existedBeforeMigration() || change.before() == null) {
            return Optional.empty();
        }
        TableState before = change.before();
        TableState after = change.after();
        String table = change.table();
        if (!before.name().equals(after.name()) || !before.schema().equals(after.schema())) {
            return Optional.of(new Lock(table, "ACCESS EXCLUSIVE", "a rename"));
        }
        if (before.rlsEnabled() != after.rlsEnabled() || before.rlsForced() != after.rlsForced()) {
            return Optional.of(new Lock(table, "ACCESS EXCLUSIVE", "a row level security switch"));
        }
        if (!sameColumns(before, after)) {
            return Optional.of(new Lock(table, "ACCESS EXCLUSIVE", "a column change"));
        }
        List<TableState.ConstraintState> added = newConstraints(change);
        if (constraintsRemoved(change) || added.stream().anyMatch(c -> !c.type().equals("f"))) {
            return Optional.of(new Lock(table, "ACCESS EXCLUSIVE", "a constraint change"));
        }
        if (!added.isEmpty()) {
            return Optional.of(new Lock(table, "SHARE ROW EXCLUSIVE", "a new foreign key"));
        }
        // an index that disappears without a constraint or column change was dropped by DROP INDEX, which
        // locksWithoutState sees (the journal records no table state for it, so a later state cannot tell)
        // CREATE INDEX ... ON ONLY a partitioned table builds nothing, but still waits for its SHARE lock
        if (!builtIndexes(change).isEmpty() && !createsIndexConcurrently(text)) {
            return Optional.of(new Lock(table, "SHARE", "CREATE INDEX without CONCURRENTLY"));
        }
        for (TextLock lock : TEXT_LOCKS) {
            if (lock.pattern().matcher(text).find()) {
                return Optional.of(new Lock(table, lock.mode(), lock.what()));
            }
        }
        return Optional.empty();
    }

    private static boolean sameColumns(TableState before, TableState after) {
        if (before.columns().size() != after.columns().size()) {
            return false;
        }
        for (TableState.ColumnState old : before.columns()) {
            TableState.ColumnState now = after.column(old.attnum()).orElse(null);
            if (now == null || !now.name().equals(old.name()) || !now.type().equals(old.type())
                    || now.notNull() != old.notNull() || !Objects.equals(now.defaultExpr(), old.defaultExpr())
                    || !Objects.equals(blankToNull(now.identity()), blankToNull(old.identity()))
                    || !Objects.equals(blankToNull(now.generated()), blankToNull(old.generated()))) {
                return false;
            }
        }
        return true;
    }

    private static String blankToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    /**
     * The strong locks a statement takes on existing tables that leave no changed table state behind: DROP TABLE,
     * DROP INDEX (without CONCURRENTLY), TRUNCATE, LOCK TABLE, VACUUM FULL, CLUSTER, REINDEX TABLE, and CREATE TABLE
     * ... PARTITION OF an existing partitioned table.
     */
    static List<Lock> locksWithoutState(MigrationContext context, StatementEffect effect, String text) {
        MigrationStep step = context.step();
        List<Lock> locks = new ArrayList<>();
        for (StatementEffect.Dropped dropped : effect.dropped()) {
            if (!dropped.object().original()) {
                continue;
            }
            switch (dropped.object().objectType()) {
                case "table" -> {
                    if (dropped.ofExistingTable()) {
                        locks.add(new Lock(dropped.object().objectIdentity(), "ACCESS EXCLUSIVE", "DROP TABLE"));
                    }
                }
                case "index" -> {
                    if (!CONCURRENT_DROP_INDEX.matcher(text).find()) {
                        step.tablesBefore().values().stream()
                                .filter(t -> t.schema().equals(dropped.object().schemaName())
                                        && t.indexes().stream().anyMatch(i -> i.name().equals(dropped.object().objectName())))
                                .findFirst()
                                .ifPresent(t -> locks.add(new Lock(t.qualifiedName(), "ACCESS EXCLUSIVE", "DROP INDEX")));
                    }
                }
                default -> {
                }
            }
        }
        effect.data().ifPresent(data -> {
            if (data.kind() == dev.dbguard.core.history.DataStatement.Kind.TRUNCATE) {
                for (String written : data.tables()) {
                    context.existingTable(written).ifPresent(t ->
                            locks.add(new Lock(t.qualifiedName(), "ACCESS EXCLUSIVE", "TRUNCATE")));
                }
            }
        });
        Matcher lock = LOCK_TABLE.matcher(text);
        if (lock.find()) {
            String mode = lock.group(2) == null ? "ACCESS EXCLUSIVE"
                    : lock.group(2).trim().replaceAll("\\s+", " ").toUpperCase(Locale.ROOT);
            if (mode.equals("SHARE") || mode.equals("SHARE ROW EXCLUSIVE") || mode.equals("EXCLUSIVE")
                    || mode.equals("ACCESS EXCLUSIVE")) {
                existing(context, lock.group(1)).ifPresent(t -> locks.add(new Lock(t.qualifiedName(), mode, "LOCK TABLE")));
            }
        }
        Matcher maintenance = MAINTENANCE.matcher(text);
        if (maintenance.find() && !text.toUpperCase(Locale.ROOT).contains("CONCURRENTLY")) {
            String verb = maintenance.group(1).trim().split("\\s+")[0].toUpperCase(Locale.ROOT);
            String mode = verb.equals("REINDEX") ? "SHARE" : "ACCESS EXCLUSIVE";
            existing(context, maintenance.group(2)).ifPresent(t -> locks.add(new Lock(t.qualifiedName(), mode,
                    verb.equals("VACUUM") ? "VACUUM FULL" : verb)));
        }
        Matcher partition = PARTITION_OF.matcher(text);
        if (partition.find()) {
            existing(context, partition.group(1)).ifPresent(t ->
                    locks.add(new Lock(t.qualifiedName(), "ACCESS EXCLUSIVE", "CREATE TABLE ... PARTITION OF")));
        }
        return locks;
    }

    private static Optional<TableState> existing(MigrationContext context, String written) {
        int dot = written.lastIndexOf('.');
        String name = dot < 0 ? fold(written) : fold(written.substring(0, dot)) + "." + fold(written.substring(dot + 1));
        return context.existingTable(name);
    }

    private static String fold(String identifier) {
        return identifier.startsWith("\"") && identifier.endsWith("\"") && identifier.length() >= 2
                ? identifier.substring(1, identifier.length() - 1).replace("\"\"", "\"")
                : identifier.toLowerCase(Locale.ROOT);
    }
}
