package dev.dbguard.core.rules.probe;

import dev.dbguard.core.report.Severity;
import dev.dbguard.core.rules.ProbeRule;
import dev.dbguard.core.rules.RuleDefinition;
import dev.dbguard.core.rules.Section;

/** Reported by the isolation probe ({@link dev.dbguard.core.probe.IsolationProbe}); see docs/RULES.md, section 3. */
@RuleDefinition(id = "isolation-write-leak", severity = Severity.ERROR, section = Section.ISOLATION_PROOF,
        summary = "With a tenant's context set, a write produces, changes or removes another tenant's rows")
public final class IsolationWriteLeakRule implements ProbeRule {

    /** The one instance the probe reports under. */
    public static final IsolationWriteLeakRule INSTANCE = new IsolationWriteLeakRule();
}
