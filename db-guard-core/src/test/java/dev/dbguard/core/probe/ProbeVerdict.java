package dev.dbguard.core.probe;

import dev.dbguard.core.api.Finding;
import dev.dbguard.core.api.ProbeCoverage;
import dev.dbguard.core.api.RunListener;
import dev.dbguard.core.postgres.ThrowawayPostgres;
import dev.dbguard.core.rules.Judge;
import dev.dbguard.core.rules.Need;
import dev.dbguard.core.rules.ProbeContext;
import dev.dbguard.core.rules.RuleSettings;
import dev.dbguard.core.rules.SchemaContext;
import java.util.List;

/** The isolation probe and the rules that judge it, as a run does them: the findings, and what the probe covered. */
public record ProbeVerdict(List<Finding> findings, ProbeCoverage coverage, List<String> skipped) {

    public static ProbeVerdict probe(ThrowawayPostgres db, SchemaContext context, RuleSettings settings, RunListener listener) {
        Judge judge = new Judge(context.config(), settings);
        ProbeOutcome outcome = judge.wants(Need.PROBE)
                ? IsolationProbe.probe(db, context.snapshot(), context.tenancy(), context.config(), listener)
                : ProbeOutcome.NONE;
        List<Finding> findings = judge.judge(new ProbeContext(context, outcome));
        return new ProbeVerdict(findings, outcome.coverage(), outcome.skipped());
    }

    public static List<Finding> run(ThrowawayPostgres db, SchemaContext context, RuleSettings settings, RunListener listener) {
        return probe(db, context, settings, listener).findings();
    }
}
