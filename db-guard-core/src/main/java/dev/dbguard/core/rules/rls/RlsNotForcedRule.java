package dev.dbguard.core.rules.rls;

import dev.dbguard.core.catalog.Table;
import dev.dbguard.core.api.Finding;
import dev.dbguard.core.api.Severity;
import dev.dbguard.core.rules.RuleDefinition;
import dev.dbguard.core.rules.SchemaContext;
import dev.dbguard.core.rules.SchemaRule;
import dev.dbguard.core.rules.Section;
import java.util.ArrayList;
import java.util.List;

@RuleDefinition(id = "rls-not-forced", severity = Severity.ERROR, section = Section.ROW_LEVEL_SECURITY,
        summary = "Row level security is enabled but not forced, so the table owner bypasses every policy")
public final class RlsNotForcedRule implements SchemaRule {

    @Override
    public List<Finding> check(SchemaContext context) {
        List<Finding> findings = new ArrayList<>();
        for (Table table : context.tenancy().tenantTables()) {
            if (!table.rlsEnabled() || table.rlsForced()) {
                continue; // disabled is rls-disabled's finding
            }
            String t = table.name().sql();
            findings.add(context.finding(this)
                    .table(table.name())
                    .at(context.sources().rowLevelSecurity(table))
                    .message(table.name() + " has row level security enabled but not forced: its owner "
                            + table.owner() + ", and every role that inherits it, bypasses every policy")
                    .fix("ALTER TABLE " + t + " FORCE ROW LEVEL SECURITY;",
                            "ALTER TABLE " + t + " NO FORCE ROW LEVEL SECURITY;")
                    .build());
        }
        return findings;
    }
}
