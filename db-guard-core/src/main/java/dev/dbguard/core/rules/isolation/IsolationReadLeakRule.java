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
@RuleDefinition(id = "isolation-read-leak", severity = Severity.ERROR, section = Section.ISOLATION_PROOF,
        summary = "With a tenant's context set, another tenant's rows are visible (table, partition or view)")
public final class IsolationReadLeakRule implements ProbeRule {

    /** The one instance. */
    public static final IsolationReadLeakRule INSTANCE = new IsolationReadLeakRule();

    @Override
    public List<Finding> check(ProbeContext context) {
        return ProbeFindings.of(this, Kind.READ_LEAK, context);
    }
}
