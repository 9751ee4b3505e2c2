package dev.dbguard.core.probe;

import dev.dbguard.core.catalog.Policy;
import dev.dbguard.core.catalog.Table;
import dev.dbguard.core.catalog.View;
import dev.dbguard.core.api.ProbeCoverage;
import java.util.List;

/**
 * What the isolation probe saw, without judging it: the holes it found (which rows crossed between the two
 * synthetic tenants, in which session state, through which policy), the tenant tables it could not judge, and how
 * much it covered. The rules of the isolation proof turn these observations into findings and fixes.
 *
 * @param observations one per kind and table or view, the first session state that showed it
 * @param coverage     null when the probe did not run
 * @param skipped      the tenant tables it could not judge, schema-qualified
 * @param membership   membership tenancy's link between users and tenants, null when the context sets the tenant
 */
public record ProbeOutcome(List<Observation> observations, ProbeCoverage coverage, List<String> skipped,
                           Membership membership) {

    /** The probe did not run: every probe rule off, or no tenant table. */
    public static final ProbeOutcome NONE = new ProbeOutcome(List.of(), null, List.of(), null);

    public ProbeOutcome {
        observations = List.copyOf(observations);
        skipped = List.copyOf(skipped);
    }

    /** What a session could do that it should not, or why a table could not be judged. */
    public enum Kind {
        /** With tenant A's context set, rows of another tenant were visible. */
        READ_LEAK,
        /** With no, an empty, an unknown or a forged tenant context, rows were visible. */
        FAIL_OPEN,
        /** With tenant A's context set, a write reached tenant B's rows. */
        WRITE_LEAK,
        /** The probe could not judge the table: no synthetic rows, or tenant A could not see its own. */
        SKIPPED
    }

    /**
     * One observation.
     *
     * @param table   the table (or partition) it concerns; null for a view
     * @param view    the view it concerns, else null
     * @param culprit the permissive policy that let the rows through, when the table has one to blame
     * @param message what the probe did and saw, in a sentence fit for a report
     */
    public record Observation(Kind kind, Table table, View view, Policy culprit, String message) {

        /** The table or view's schema-qualified name. */
        public String relation() {
            return view != null ? view.name().toString() : table.name().toString();
        }
    }

    /** The membership table, its user column and the column naming its tenant. */
    public record Membership(Table table, String userColumn, String tenantColumn) {
    }

    /** The observations of one kind, in the order the probe made them. */
    public List<Observation> of(Kind kind) {
        return observations.stream().filter(o -> o.kind() == kind).toList();
    }
}
