package dev.dbguard.core.rules.rls;

import dev.dbguard.core.api.Finding;
import dev.dbguard.core.api.Severity;
import dev.dbguard.core.rules.RuleDefinition;
import dev.dbguard.core.rules.SchemaContext;
import dev.dbguard.core.rules.SchemaRule;
import dev.dbguard.core.rules.Section;
import java.util.List;

@RuleDefinition(id = "policy-always-true", severity = Severity.ERROR, section = Section.ROW_LEVEL_SECURITY,
        summary = "A permissive policy is constant true and no restrictive policy pins the tenant")
public final class PolicyAlwaysTrueRule implements SchemaRule {

    @Override
    public List<Finding> check(SchemaContext context) {
        return PolicyFindings.of(this, context, PolicyVerdicts.Verdict.ALWAYS_TRUE,
                "is always true and no restrictive policy pins the tenant: every tenant's rows pass");
    }
}
