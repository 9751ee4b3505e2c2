package dev.dbguard.core.rehearsal;

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
 */
public record RehearsalState(int rehearsed, Map<Integer, RehearsalOutcome.Step> steps,
                             Map<Long, Set<Integer>> syntheticColumns, Set<Long> unfillable, Map<Long, Long> knownRows,
                             Map<Long, Long> rootOf, boolean eventTriggerCreated) {

    /** The name the rehearsal's database is kept under. */
    public static final String DATABASE = "db_guard_rehearsal";

    public RehearsalState {
        steps = Map.copyOf(steps);
        syntheticColumns = Map.copyOf(syntheticColumns);
        unfillable = Set.copyOf(unfillable);
        knownRows = Map.copyOf(knownRows);
        rootOf = Map.copyOf(rootOf);
    }

}
