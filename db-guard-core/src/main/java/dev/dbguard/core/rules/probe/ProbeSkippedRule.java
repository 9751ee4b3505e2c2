package dev.dbguard.core.rules.probe;

import dev.dbguard.core.report.Severity;
import dev.dbguard.core.rules.ProbeRule;
import dev.dbguard.core.rules.RuleDefinition;
import dev.dbguard.core.rules.Section;

/** Reported by the isolation probe ({@link dev.dbguard.core.probe.IsolationProbe}); see docs/RULES.md, section 3. */
@RuleDefinition(id = "probe-skipped", severity = Severity.INFO, section = Section.ISOLATION_PROOF,
        summary = "A tenant table could not be probed: no synthetic row could be made for it, or tenant A could not see its own rows")
public final class ProbeSkippedRule implements ProbeRule {

    /** The one instance the probe reports under. */
    public static final ProbeSkippedRule INSTANCE = new ProbeSkippedRule();
}
