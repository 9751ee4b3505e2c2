package dev.dbguard.core.rehearsal;

import dev.dbguard.core.catalog.CatalogSnapshot;
import dev.dbguard.core.history.SchemaHistory;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where a rehearsal stood after its last migration, for a later run that adds migrations to continue it instead of
 * rehearsing everything again: its database (kept with the server's data directory, under {@link #DATABASE}), what it
 * saw at each migration, and what it knew about the tables in that database (by oid, which a kept data directory
 * keeps).
 *
 * @param rehearsed           how many migrations were rehearsed (the first of them has index 0)
 * @param steps               what happened at each of them
 * @param syntheticColumns    per table, the columns the synthetic data gave values
 * @param unfillable          tables the synthetic data could not fill
 * @param knownRows           the last exact row count of each table
 * @param rootOf              each partition's root table, as of the last count
 * @param eventTriggerCreated whether a migration created an event trigger
 * @param lookups             the constraints failures with rows named, with the columns the run's final schema gave
 *                            them ({@link #judgedAlike})
 */
public record RehearsalState(int rehearsed, Map<Integer, RehearsalOutcome.Step> steps,
                             Map<Long, Set<Integer>> syntheticColumns, Set<Long> unfillable, Map<Long, Long> knownRows,
                             Map<Long, Long> rootOf, boolean eventTriggerCreated, List<ConstraintLookup> lookups) {

    /** The name the rehearsal's database is kept under. */
    public static final String DATABASE = "db_guard_rehearsal";

    public RehearsalState {
        steps = Map.copyOf(steps);
        syntheticColumns = Map.copyOf(syntheticColumns);
        unfillable = Set.copyOf(unfillable);
        knownRows = Map.copyOf(knownRows);
        rootOf = Map.copyOf(rootOf);
        lookups = List.copyOf(lookups);
    }

    /**
     * A constraint or index a migration's failure with rows named, and the columns the run's final catalogue (else
     * its history) gave it: the rehearsal judged whether the failure involves the migrations' own values by them.
     */
    public record ConstraintLookup(String schema, String table, String constraint, List<String> columns) {
        public ConstraintLookup {
            columns = List.copyOf(columns);
        }
    }

    /**
     * Whether this state's steps are what a rehearsal of the same migrations gives in a run whose final catalogue is
     * {@code finalSchema} and history {@code history}: every constraint a failure named has the same columns there.
     * A migration added after them can change a constraint an earlier one added; then the state must not be continued.
     */
    public boolean judgedAlike(CatalogSnapshot finalSchema, SchemaHistory history) {
        return lookups.stream().allMatch(lookup -> lookup.columns().equals(Rehearsal.constraintColumns(finalSchema,
                history, lookup.schema(), lookup.table(), lookup.constraint())));
    }

}
