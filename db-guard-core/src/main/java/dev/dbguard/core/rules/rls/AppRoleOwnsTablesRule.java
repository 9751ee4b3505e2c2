package dev.dbguard.core.rules.rls;

import dev.dbguard.core.catalog.Sql;
import dev.dbguard.core.catalog.Table;
import dev.dbguard.core.api.Finding;
import dev.dbguard.core.api.Severity;
import dev.dbguard.core.rules.RuleDefinition;
import dev.dbguard.core.rules.SchemaContext;
import dev.dbguard.core.rules.SchemaRule;
import dev.dbguard.core.rules.Section;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

@RuleDefinition(id = "app-role-owns-tables", severity = Severity.WARNING, section = Section.ROW_LEVEL_SECURITY,
        summary = "The application role owns a tenant table, so it can switch RLS off, drop policies and truncate")
public final class AppRoleOwnsTablesRule implements SchemaRule {

    /** Judges {@code appRole}: nothing to judge without it. */
    @Override
    public boolean appliesTo(dev.dbguard.core.api.GuardConfig config) {
        return config.appRole() != null;
    }

    @Override
    public List<Finding> check(SchemaContext context) {
        String app = context.config().appRole();
        if (app == null || context.snapshot().role(app).isEmpty()) {
            return List.of();
        }
        Set<String> privileges = context.roles().privilegesOf(app);
        List<Finding> findings = new ArrayList<>();
        for (Table table : context.tenancy().tenantTables()) {
            if (!privileges.contains(table.owner())) {
                continue;
            }
            String t = table.name().sql();
            String via = table.owner().equals(app) ? "owns" : "inherits " + table.owner() + ", which owns";
            findings.add(context.finding(this)
                    .table(table.name())
                    .object(app)
                    .at(context.sources().ownership(table))
                    .message("application role " + app + " " + via + " " + table.name()
                            + ": it can disable row level security, drop policies and truncate the table; "
                            + "run migrations as a separate owner role")
                    .fix("-- run as the role that owns the schema's objects (the migration role):\n"
                                    + "ALTER TABLE " + t + " OWNER TO CURRENT_USER;",
                            "ALTER TABLE " + t + " OWNER TO " + Sql.ident(table.owner()) + ";")
                    .build());
        }
        return findings;
    }
}
