package dev.dbguard.core.history;

import dev.dbguard.core.journal.AppliedScript;
import dev.dbguard.core.journal.DroppedObject;
import dev.dbguard.core.journal.StatementKey;
import dev.dbguard.core.journal.TableState;
import dev.dbguard.core.migration.SqlStatement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The migrations as they happened: for every statement, the tables it changed (their state before and after),
 * what it dropped and what it did to rows. Built from the journal after the run, so it costs the run nothing
 * but the event trigger's inserts; DDL inside {@code DO} blocks and functions is in it like any other.
 */
public final class SchemaHistory {

    private static final java.util.regex.Pattern CALL = java.util.regex.Pattern.compile("([A-Za-z_][\\w$]*)\\s*\\(");

    private final List<MigrationStep> steps;
    private final java.util.Set<String> volatileFunctions;

    private SchemaHistory(List<MigrationStep> steps, java.util.Set<String> volatileFunctions) {
        this.steps = List.copyOf(steps);
        this.volatileFunctions = java.util.Set.copyOf(volatileFunctions);
    }

    /**
     * True when the expression calls a VOLATILE function ({@code clock_timestamp()}, {@code random()},
     * {@code gen_random_uuid()}, {@code nextval()}): as a column default, PostgreSQL must then compute it for every
     * existing row and rewrite the table. {@code now()} is STABLE: one value, no rewrite.
     */
    public boolean isVolatile(String expression) {
        if (expression == null) {
            return false;
        }
        java.util.regex.Matcher call = CALL.matcher(expression);
        while (call.find()) {
            if (volatileFunctions.contains(call.group(1).toLowerCase(java.util.Locale.ROOT))) {
                return true;
            }
        }
        return false;
    }

    /** Function names used in column defaults anywhere in the history, for the volatility lookup. */
    public static java.util.Set<String> functionsInDefaults(List<TableState> states) {
        java.util.Set<String> names = new java.util.TreeSet<>();
        for (TableState state : states) {
            for (TableState.ColumnState column : state.columns()) {
                if (column.defaultExpr() != null) {
                    java.util.regex.Matcher call = CALL.matcher(column.defaultExpr());
                    while (call.find()) {
                        names.add(call.group(1).toLowerCase(java.util.Locale.ROOT));
                    }
                }
            }
        }
        return names;
    }

    public List<MigrationStep> steps() {
        return steps;
    }

    /** The steps of {@code step}'s release, up to and including it. */
    public List<MigrationStep> releaseUpTo(MigrationStep step) {
        List<MigrationStep> release = new ArrayList<>();
        for (MigrationStep candidate : steps) {
            if (candidate.release().equals(step.release())) {
                release.add(candidate);
            }
            if (candidate == step) {
                break;
            }
        }
        return release;
    }

    /**
     * @param volatileFunctions names of VOLATILE functions among {@link #functionsInDefaults}, as the server has them
     */
    public static SchemaHistory build(List<AppliedScript> scripts, List<String> releases, List<Boolean> inProduction,
                                      List<TableState> states, List<DroppedObject> dropped,
                                      java.util.Set<String> volatileFunctions) {
        Map<StatementKey, List<TableState>> statesByStatement = new HashMap<>();
        for (TableState state : states) {
            if (state.statementKey() != null) {
                statesByStatement.computeIfAbsent(state.statementKey(), k -> new ArrayList<>()).add(state);
            }
        }
        Map<StatementKey, List<DroppedObject>> dropsByStatement = new HashMap<>();
        for (DroppedObject drop : dropped) {
            if (drop.statementKey() != null) {
                dropsByStatement.computeIfAbsent(drop.statementKey(), k -> new ArrayList<>()).add(drop);
            }
        }
        Map<Long, TableState> current = new LinkedHashMap<>();
        List<MigrationStep> steps = new ArrayList<>();
        for (AppliedScript script : scripts) {
            Map<Long, TableState> before = new LinkedHashMap<>(current);
            List<StatementEffect> effects = new ArrayList<>();
            for (SqlStatement statement : script.statements()) {
                StatementKey key = new StatementKey(script.index(), statement.index());
                Map<Long, TableState> firstBefore = new LinkedHashMap<>();
                Map<Long, List<TableState>> during = new LinkedHashMap<>();
                for (TableState state : statesByStatement.getOrDefault(key, List.of())) {
                    if (!firstBefore.containsKey(state.oid())) {
                        firstBefore.put(state.oid(), current.get(state.oid()));
                    }
                    during.computeIfAbsent(state.oid(), k -> new ArrayList<>()).add(state);
                    current.put(state.oid(), state);
                }
                List<TableChange> changes = new ArrayList<>();
                for (Map.Entry<Long, List<TableState>> entry : during.entrySet()) {
                    List<TableState> recorded = entry.getValue();
                    changes.add(new TableChange(firstBefore.get(entry.getKey()), recorded.get(recorded.size() - 1),
                            before.containsKey(entry.getKey()), recorded));
                }
                List<StatementEffect.Dropped> drops = new ArrayList<>();
                for (DroppedObject drop : dropsByStatement.getOrDefault(key, List.of())) {
                    boolean existing = switch (drop.objectType()) {
                        case "table", "table column" -> before.containsKey(drop.objid());
                        case "schema" -> before.values().stream().anyMatch(t -> t.schema().equals(drop.objectName()));
                        default -> false;
                    };
                    if (drop.objectType().equals("table")) {
                        current.remove(drop.objid());
                    } else {
                        forget(current, during.keySet(), drop);
                    }
                    drops.add(new StatementEffect.Dropped(drop, existing));
                }
                effects.add(new StatementEffect(statement, changes, drops, DataStatement.of(statement.sql())));
            }
            steps.add(new MigrationStep(script, releases.get(script.index()), inProduction.get(script.index()),
                    effects, before));
        }
        return new SchemaHistory(steps, volatileFunctions);
    }

    /**
     * Takes a dropped index, constraint or column out of the current state of its table when the statement recorded
     * no state for that table: {@code DROP INDEX} and the objects a {@code DROP ... CASCADE} takes along fire no
     * {@code ddl_command_end} for their table, and the next statement's "before" would otherwise still show them.
     */
    private static void forget(Map<Long, TableState> current, java.util.Set<Long> recorded, DroppedObject drop) {
        for (Map.Entry<Long, TableState> entry : current.entrySet()) {
            TableState t = entry.getValue();
            if (recorded.contains(entry.getKey())) {
                continue;
            }
            List<TableState.ColumnState> columns = t.columns();
            List<TableState.ConstraintState> constraints = t.constraints();
            List<TableState.IndexState> indexes = t.indexes();
            switch (drop.objectType()) {
                case "index" -> {
                    if (t.schema().equals(drop.schemaName())) {
                        indexes = indexes.stream().filter(i -> !i.name().equals(drop.objectName())).toList();
                    }
                }
                case "table constraint" -> {
                    String on = " on " + dev.dbguard.core.catalog.Sql.ident(t.schema()) + "."
                            + dev.dbguard.core.catalog.Sql.ident(t.name());
                    constraints = constraints.stream().filter(c -> !drop.objectIdentity()
                            .equals(dev.dbguard.core.catalog.Sql.ident(c.name()) + on)).toList();
                }
                case "table column" -> {
                    if (entry.getKey() == drop.objid()) {
                        columns = columns.stream().filter(c -> c.attnum() != drop.objsubid()).toList();
                    }
                }
                default -> {
                    continue;
                }
            }
            if (columns.size() != t.columns().size() || constraints.size() != t.constraints().size()
                    || indexes.size() != t.indexes().size()) {
                entry.setValue(new TableState(t.seq(), t.statementKey(), t.oid(), t.schema(), t.name(), t.relkind(),
                        t.rlsEnabled(), t.rlsForced(), columns, constraints, indexes));
            }
        }
    }
}
