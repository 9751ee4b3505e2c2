package dev.dbguard.core.rules.isolation;

import dev.dbguard.core.api.Finding;
import dev.dbguard.core.api.Severity;
import dev.dbguard.core.probe.ProbeOutcome.Kind;
import dev.dbguard.core.rules.ProbeContext;
import dev.dbguard.core.rules.ProbeRule;
import dev.dbguard.core.rules.RuleDefinition;
import dev.dbguard.core.rules.Section;
import java.util.List;

/** Judges what the isolation probe ({@link dev.dbguard.core.probe.IsolationProbe}) saw; docs/RULES.md, section 3. */
@RuleDefinition(id = "probe-skipped", severity = Severity.INFO, section = Section.ISOLATION_PROOF,
        summary = "A tenant table could not be probed: no synthetic row could be made for it, or tenant A could not see its own rows")
public final class ProbeSkippedRule implements ProbeRule {

    /** The one instance. */
    public static final ProbeSkippedRule INSTANCE = new ProbeSkippedRule();

    @Override
    public List<Finding> check(ProbeContext context) {
        return ProbeFindings.of(this, Kind.SKIPPED, context);
    }
}
