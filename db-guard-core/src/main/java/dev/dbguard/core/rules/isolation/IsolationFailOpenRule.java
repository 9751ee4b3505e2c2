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
@RuleDefinition(id = "isolation-fail-open", severity = Severity.ERROR, section = Section.ISOLATION_PROOF,
        summary = "Rows are visible with the tenant setting unset, empty or naming no tenant, or with a client-settable setting a policy reads")
public final class IsolationFailOpenRule implements ProbeRule {

    /** The one instance. */
    public static final IsolationFailOpenRule INSTANCE = new IsolationFailOpenRule();

    @Override
    public List<Finding> check(ProbeContext context) {
        return ProbeFindings.of(this, Kind.FAIL_OPEN, context);
    }
}
