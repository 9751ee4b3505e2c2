package dev.dbguard.core.rules.rls;

import dev.dbguard.core.api.Finding;
import dev.dbguard.core.api.Severity;
import dev.dbguard.core.rules.RuleDefinition;
import dev.dbguard.core.rules.SchemaContext;
import dev.dbguard.core.rules.SchemaRule;
import dev.dbguard.core.rules.Section;
import java.util.List;

@RuleDefinition(id = "policy-write-unchecked", severity = Severity.ERROR, section = Section.ROW_LEVEL_SECURITY,
        summary = "A policy's effective check lets INSERT or UPDATE write a row of another tenant")
public final class PolicyWriteUncheckedRule implements SchemaRule {

    @Override
    public List<Finding> check(SchemaContext context) {
        return PolicyFindings.of(this, context, PolicyVerdicts.Verdict.WRITE_UNCHECKED,
                "does not pin the tenant although USING does: an INSERT or UPDATE can write a row that belongs "
                        + "to another tenant");
    }
}
