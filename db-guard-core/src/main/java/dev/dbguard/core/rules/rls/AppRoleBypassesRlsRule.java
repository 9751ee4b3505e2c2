package dev.dbguard.core.rules.rls;

import dev.dbguard.core.catalog.Role;
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
import java.util.Optional;

@RuleDefinition(id = "app-role-bypasses-rls", severity = Severity.ERROR, section = Section.ROW_LEVEL_SECURITY,
        summary = "The application role can bypass row level security")
public final class AppRoleBypassesRlsRule implements SchemaRule {

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
        List<Finding> findings = new ArrayList<>();
        // a superuser or BYPASSRLS role it can SET ROLE to bypasses every table: one finding for the role
        for (String member : context.roles().settable(app)) {
            Optional<Role> role = context.snapshot().role(member);
            if (role.isEmpty() || !(role.get().superuser() || role.get().bypassRls())) {
                continue;
            }
            String attribute = role.get().superuser() ? "SUPERUSER" : "BYPASSRLS";
            String via = member.equals(app) ? "" : " through its membership in " + member;
            String fix = member.equals(app)
                    ? "ALTER ROLE " + Sql.ident(app) + " NOSUPERUSER NOBYPASSRLS;"
                    : "REVOKE " + Sql.ident(member) + " FROM " + Sql.ident(app) + ";";
            String rollback = member.equals(app)
                    ? "ALTER ROLE " + Sql.ident(app) + " " + attribute + ";"
                    : "GRANT " + Sql.ident(member) + " TO " + Sql.ident(app) + ";";
            findings.add(context.finding(this)
                    .object(app)
                    .at(member.equals(app) ? context.sources().role(app) : context.sources().membership(member, app))
                    .message("application role " + app + " is " + attribute + via
                            + ": every row level security policy is skipped for it")
                    .fix(fix, rollback)
                    .build());
            return findings;
        }
        for (Table table : context.tenancy().tenantTables()) {
            String owner = context.roles().bypassingMembership(app, table);
            if (owner == null) {
                continue;
            }
            String t = table.name().sql();
            String via = owner.equals(app) ? "owns" : "is a member of " + owner + ", which owns";
            findings.add(context.finding(this)
                    .table(table.name())
                    .object(app)
                    .at(context.sources().ownership(table))
                    .message("application role " + app + " " + via + " " + table.name()
                            + " whose row level security is not forced: its queries skip the table's policies")
                    .fix("ALTER TABLE " + t + " FORCE ROW LEVEL SECURITY;",
                            "ALTER TABLE " + t + " NO FORCE ROW LEVEL SECURITY;")
                    .build());
        }
        return findings;
    }
}
