package dev.dbguard.core.rules.rls;

import dev.dbguard.core.catalog.Sql;
import dev.dbguard.core.catalog.Table;
import dev.dbguard.core.catalog.TablePrivilege;
import dev.dbguard.core.api.Finding;
import dev.dbguard.core.api.Severity;
import dev.dbguard.core.rules.RuleDefinition;
import dev.dbguard.core.rules.SchemaContext;
import dev.dbguard.core.rules.SchemaRule;
import dev.dbguard.core.rules.Section;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

@RuleDefinition(id = "app-role-can-truncate", severity = Severity.WARNING, section = Section.ROW_LEVEL_SECURITY,
        summary = "The application role may TRUNCATE a tenant table, which ignores row level security")
public final class AppRoleCanTruncateRule implements SchemaRule {

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
            if (privileges.contains(table.owner())) {
                findings.add(context.finding(this)
                        .table(table.name())
                        .object(app)
                        .at(context.sources().ownership(table))
                        .message("application role " + app + " can TRUNCATE " + table.name()
                                + " through ownership: TRUNCATE ignores row level security and empties every tenant")
                        .fix("-- run as the migration role: a table's owner can always truncate it\n"
                                        + "ALTER TABLE " + table.name().sql() + " OWNER TO CURRENT_USER;",
                                "ALTER TABLE " + table.name().sql() + " OWNER TO " + Sql.ident(table.owner()) + ";")
                        .build());
                continue;
            }
            for (TablePrivilege grant : context.snapshot().privileges(table.name())) {
                boolean reaches = grant.grantee().equals("public") || privileges.contains(grant.grantee());
                if (!reaches || !grant.privilege().equals("TRUNCATE")) {
                    continue;
                }
                String grantee = grant.grantee().equals("public") ? "PUBLIC" : Sql.ident(grant.grantee());
                String via = grant.grantee().equals(app) ? "" : " (granted to " + grant.grantee() + ")";
                findings.add(context.finding(this)
                        .table(table.name())
                        .object(app)
                        .at(context.sources().grant(table, grant.grantee()))
                        .message("application role " + app + " has TRUNCATE on " + table.name() + via
                                + ": TRUNCATE ignores row level security and empties every tenant")
                        .fix("REVOKE TRUNCATE ON " + table.name().sql() + " FROM " + grantee + ";",
                                "GRANT TRUNCATE ON " + table.name().sql() + " TO " + grantee + ";")
                        .build());
                break;
            }
        }
        return findings;
    }
}
