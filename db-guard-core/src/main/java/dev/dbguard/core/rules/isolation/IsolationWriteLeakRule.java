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
@RuleDefinition(id = "isolation-write-leak", severity = Severity.ERROR, section = Section.ISOLATION_PROOF,
        summary = "With a tenant's context set, a write produces, changes or removes another tenant's rows")
public final class IsolationWriteLeakRule implements ProbeRule {

    /** The one instance. */
    public static final IsolationWriteLeakRule INSTANCE = new IsolationWriteLeakRule();

    @Override
    public List<Finding> check(ProbeContext context) {
        return ProbeFindings.of(this, Kind.WRITE_LEAK, context);
    }
}
