package dev.dbguard.core.rules.probe;

import dev.dbguard.core.report.Severity;
import dev.dbguard.core.rules.ProbeRule;
import dev.dbguard.core.rules.RuleDefinition;
import dev.dbguard.core.rules.Section;

/** Reported by the isolation probe ({@link dev.dbguard.core.probe.IsolationProbe}); see docs/RULES.md, section 3. */
@RuleDefinition(id = "isolation-read-leak", severity = Severity.ERROR, section = Section.ISOLATION_PROOF,
        summary = "With a tenant's context set, another tenant's rows are visible (table, partition or view)")
public final class IsolationReadLeakRule implements ProbeRule {

    /** The one instance the probe reports under. */
    public static final IsolationReadLeakRule INSTANCE = new IsolationReadLeakRule();
}
