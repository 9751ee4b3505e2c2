package dev.dbguard.core.rules.rls;

import dev.dbguard.core.catalog.Function;
import dev.dbguard.core.catalog.Sql;
import dev.dbguard.core.api.Finding;
import dev.dbguard.core.api.Severity;
import dev.dbguard.core.rules.RuleDefinition;
import dev.dbguard.core.rules.SchemaContext;
import dev.dbguard.core.rules.SchemaRule;
import dev.dbguard.core.rules.Section;
import java.util.ArrayList;
import java.util.List;

@RuleDefinition(id = "security-definer-search-path", severity = Severity.WARNING, section = Section.ROW_LEVEL_SECURITY,
        summary = "A SECURITY DEFINER function has no fixed search_path, so a caller can shadow the objects it uses")
public final class SecurityDefinerSearchPathRule implements SchemaRule {

    @Override
    public List<Finding> check(SchemaContext context) {
        List<Finding> findings = new ArrayList<>();
        for (Function function : context.snapshot().functions()) {
            if (!function.securityDefiner() || function.hasFixedSearchPath()) {
                continue;
            }
            String name = SecurityDefinerFunctionRule.qualified(function);
            findings.add(context.finding(this)
                    .object(function.signature())
                    .at(context.sources().function(function))
                    .message("SECURITY DEFINER function " + function.signature() + " has no fixed search_path: a "
                            + "caller can create objects that shadow the ones it uses and run them with "
                            + function.owner() + "'s rights")
                    .fix("ALTER FUNCTION " + name + " SET search_path = " + Sql.ident(function.name().schema())
                                    + ", pg_temp;",
                            "ALTER FUNCTION " + name + " RESET search_path;")
                    .build());
        }
        return findings;
    }
}
