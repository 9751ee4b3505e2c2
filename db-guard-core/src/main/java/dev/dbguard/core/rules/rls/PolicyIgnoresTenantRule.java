package dev.dbguard.core.rules.rls;

import dev.dbguard.core.api.Finding;
import dev.dbguard.core.api.Severity;
import dev.dbguard.core.rules.RuleDefinition;
import dev.dbguard.core.rules.SchemaContext;
import dev.dbguard.core.rules.SchemaRule;
import dev.dbguard.core.rules.Section;
import java.util.List;

@RuleDefinition(id = "policy-ignores-tenant", severity = Severity.ERROR, section = Section.ROW_LEVEL_SECURITY,
        summary = "A permissive policy can be true without the tenant column matching the caller's tenant")
public final class PolicyIgnoresTenantRule implements SchemaRule {

    @Override
    public List<Finding> check(SchemaContext context) {
        return PolicyFindings.of(this, context, PolicyVerdicts.Verdict.IGNORES_TENANT,
                "can be true without the tenant column matching the caller's tenant, and no restrictive policy "
                        + "pins it: rows of other tenants pass");
    }
}
