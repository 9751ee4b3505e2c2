package dev.dbguard.core.rules;

import dev.dbguard.core.api.Finding;
import dev.dbguard.core.api.GuardConfig;
import dev.dbguard.core.api.ProbeCoverage;
import dev.dbguard.core.api.RunListener;
import dev.dbguard.core.history.MigrationStep;
import dev.dbguard.core.history.SchemaHistory;
import dev.dbguard.core.probe.ProbeOutcome;
import dev.dbguard.core.rehearsal.RehearsalOutcome;
import dev.dbguard.core.role.RoleEvent;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Every enabled rule on what the run observed: schema rules on the final catalogue, migration rules on each migration
 * not yet in production, probe rules on the isolation probe's observations; with the configured severities.
 */
public final class Judge {

    private final GuardConfig config;
    private final RuleSettings settings;

    public Judge(GuardConfig config, RuleSettings settings) {
        this.config = config;
        this.settings = settings;
    }

    /** True when an enabled rule needs {@code phase} and the configuration meets all its needs. */
    public boolean wants(Need phase) {
        return BuiltInRules.all().stream().anyMatch(rule -> settings.enabled(rule) && rule.needs().contains(phase)
                && rule.needsMetBy(config));
    }

    /**
     * The findings, before suppressions.
     *
     * @param asMigrationRole what happened while the migrations ran as {@code migrationRole}; empty without it
     */
    public List<Finding> judge(SchemaContext schema, SchemaHistory history, RehearsalOutcome rehearsal,
                               List<RoleEvent> asMigrationRole, ProbeOutcome probe, RunListener listener) {
        if (config.appRole() != null && schema.snapshot().role(config.appRole()).isEmpty()) {
            listener.warning("appRole " + config.appRole() + " does not exist after the migrations: the "
                    + "app-role rules cannot judge it; create the role in a migration or correct appRole");
        }
        List<Rule> enabled = enabled();
        List<Finding> findings = new ArrayList<>();
        for (Rule rule : enabled) {
            if (rule instanceof SchemaRule schemaRule) {
                findings.addAll(settings.apply(rule, schemaRule.check(schema)));
            }
        }
        for (MigrationStep step : history.steps()) {
            if (step.inProduction()) {
                continue; // already deployed: nothing to change there any more
            }
            int index = step.script().index();
            MigrationContext context = new MigrationContext(step, history.releaseUpTo(step), history, config,
                    rehearsal.step(index), asMigrationRole.stream()
                            .filter(e -> e.key() != null && e.key().migration() == index).toList());
            for (Rule rule : enabled) {
                if (rule instanceof MigrationRule migrationRule) {
                    findings.addAll(settings.apply(rule, migrationRule.check(context)));
                }
            }
        }
        findings.addAll(judge(new ProbeContext(schema, probe)));
        return findings;
    }

    /** The probe rules' findings on the isolation probe's observations. */
    public List<Finding> judge(ProbeContext probe) {
        List<Finding> findings = new ArrayList<>();
        for (Rule rule : enabled()) {
            if (rule instanceof ProbeRule probeRule) {
                findings.addAll(settings.apply(rule, probeRule.check(probe)));
            }
        }
        return findings;
    }

    /**
     * The probe's coverage, naming the skipped tables that no row level security rule faulted: for those, nothing
     * in the run speaks to their isolation, and the console says so. Null when the probe did not run.
     */
    public static ProbeCoverage coverage(ProbeOutcome probe, List<Finding> findings) {
        ProbeCoverage c = probe.coverage();
        if (c == null) {
            return null;
        }
        Set<String> rlsRules = new HashSet<>();
        for (Rule rule : BuiltInRules.all()) {
            if (rule.definition().section() == Section.ROW_LEVEL_SECURITY) {
                rlsRules.add(rule.id());
            }
        }
        List<String> unproven = probe.skipped().stream().filter(table -> findings.stream()
                .noneMatch(f -> table.equals(f.table()) && rlsRules.contains(f.rule()) && !f.suppressed())).toList();
        return new ProbeCoverage(c.tenantTables(), c.probed(), c.skipped(), unproven);
    }

    private List<Rule> enabled() {
        return BuiltInRules.all().stream().filter(settings::enabled).toList();
    }
}
