package dev.dbguard.core.rules.probe;

import dev.dbguard.core.report.Severity;
import dev.dbguard.core.rules.ProbeRule;
import dev.dbguard.core.rules.RuleDefinition;
import dev.dbguard.core.rules.Section;

/** Reported by the isolation probe ({@link dev.dbguard.core.probe.IsolationProbe}); see docs/RULES.md, section 3. */
@RuleDefinition(id = "isolation-fail-open", severity = Severity.ERROR, section = Section.ISOLATION_PROOF,
        summary = "Rows are visible with the tenant setting unset, empty or naming no tenant, or with a client-settable setting a policy reads")
public final class IsolationFailOpenRule implements ProbeRule {

    /** The one instance the probe reports under. */
    public static final IsolationFailOpenRule INSTANCE = new IsolationFailOpenRule();
}
