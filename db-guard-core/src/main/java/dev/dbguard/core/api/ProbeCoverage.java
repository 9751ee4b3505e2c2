package dev.dbguard.core.api;

import java.util.List;

/**
 * How much of the schema the isolation probe proved: the tenant tables it had to judge, those it judged, and those
 * it could not ({@code probe-skipped}). {@code unproven} names the skipped tables that no static row level security
 * rule found anything wrong with: nothing at all speaks for or against their isolation.
 */
public record ProbeCoverage(int tenantTables, int probed, int skipped, List<String> unproven) {

    public ProbeCoverage {
        unproven = unproven == null ? List.of() : List.copyOf(unproven);
    }

    /** The console line, e.g. {@code isolation probe: 68 of 70 tenant tables probed, 2 skipped}. */
    public String summary() {
        return "isolation probe: " + probed + " of " + tenantTables + " tenant table" + (tenantTables == 1 ? "" : "s")
                + " probed, " + skipped + " skipped";
    }

    /** One plain sentence per unproven table. */
    public List<String> unprovenLines() {
        return unproven.stream().map(t -> "isolation of " + t + " is unproven: the probe skipped it and no static "
                + "rule found a fault in its row level security").toList();
    }
}
