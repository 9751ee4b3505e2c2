package dev.dbguard.core.probe;

import dev.dbguard.core.api.RunListener;
import dev.dbguard.core.catalog.CatalogSnapshot;
import dev.dbguard.core.catalog.Sql;
import dev.dbguard.core.catalog.Table;
import dev.dbguard.core.catalog.TablePrivilege;
import dev.dbguard.core.catalog.View;
import dev.dbguard.core.tenancy.RoleGraph;
import dev.dbguard.core.api.GuardConfig;
import dev.dbguard.core.tenancy.TenantModel;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The role the probe queries as: never superuser, never BYPASSRLS, never an owner of a tenant table.
 * <ul>
 *   <li>{@code appRole} itself when it cannot bypass row level security;</li>
 *   <li>else a generated role with the application's rights: a member of every role whose privileges the
 *       application has (so policies {@code TO} those roles apply), except roles that would let it bypass row
 *       level security (superuser, BYPASSRLS, owners of tenant tables), whose table privileges are copied
 *       instead; without an {@code appRole}, the application is every role the migrations granted privileges
 *       on tenant tables; when they granted none, SELECT, INSERT, UPDATE, DELETE on every tenant table and
 *       SELECT on every other table and every view.</li>
 * </ul>
 * A generated role is dropped by {@link #drop}.
 */
final class ProbeRole {

    private final String name;
    private final boolean generated;
    private final Set<String> groups;
    private final String description;

    private ProbeRole(String name, boolean generated, Set<String> groups, String description) {
        this.name = name;
        this.generated = generated;
        this.groups = groups;
        this.description = description;
    }

    String name() {
        return name;
    }

    String describe() {
        return description;
    }

    /** The role and every role whose policies apply to it. */
    Set<String> roles(RoleGraph graph) {
        Set<String> roles = new LinkedHashSet<>();
        roles.add(name);
        for (String group : generated ? groups : Set.of(name)) {
            roles.addAll(graph.privilegesOf(group));
        }
        return roles;
    }

    static ProbeRole choose(Connection admin, CatalogSnapshot snapshot, RoleGraph graph, TenantModel tenancy,
                            GuardConfig config, RunListener listener) throws SQLException {
        List<Table> tenantTables = tenancy.tenantTables();
        String appRole = config.appRole();
        Set<String> sources = new LinkedHashSet<>();
        String why;
        if (appRole != null && snapshot.role(appRole).isPresent()) {
            String bypass = null;
            for (Table table : tenantTables) {
                if (graph.bypassesRls(appRole, table)) {
                    bypass = graph.isSuperuserOrBypassesRls(appRole) ? "is superuser or has BYPASSRLS"
                            : "owns " + table.name() + " (row level security not forced)";
                    break;
                }
            }
            if (bypass == null) {
                return new ProbeRole(appRole, false, Set.of(appRole), "appRole " + appRole);
            }
            sources.addAll(graph.privilegesOf(appRole));
            why = "a generated role with " + appRole + "'s grants (" + appRole + " " + bypass
                    + ", so its own queries would prove nothing about the policies)";
        } else {
            Set<String> owners = new LinkedHashSet<>();
            tenantTables.forEach(t -> owners.add(t.owner()));
            for (Table table : tenantTables) {
                for (TablePrivilege privilege : snapshot.privileges(table.name())) {
                    String grantee = privilege.grantee();
                    if (!grantee.equals("public") && !owners.contains(grantee) && snapshot.role(grantee).isPresent()
                            && !graph.isSuperuserOrBypassesRls(grantee)) {
                        sources.add(grantee);
                    }
                }
            }
            why = sources.isEmpty() ? "a generated role with SELECT, INSERT, UPDATE, DELETE on every tenant table "
                    + "and SELECT on the others (the migrations granted the application nothing)"
                    : "a generated role with the privileges the migrations granted to " + String.join(", ", sources);
        }
        String name = "dbguard_probe_" + Long.toHexString(System.nanoTime() & 0xFFFFFFFFFL);
        List<String> sql = new ArrayList<>();
        sql.add("CREATE ROLE " + Sql.ident(name) + " NOLOGIN NOSUPERUSER NOBYPASSRLS INHERIT");
        Set<String> groups = new LinkedHashSet<>();
        for (String source : sources) {
            boolean unsafe = graph.isSuperuserOrBypassesRls(source)
                    || snapshot.tables().stream().anyMatch(t -> t.owner().equals(source));
            if (!unsafe) {
                sql.add("GRANT " + Sql.ident(source) + " TO " + Sql.ident(name));
                groups.add(source);
                continue;
            }
            for (Table table : snapshot.tables()) {
                if (table.owner().equals(source)) {
                    sql.add("GRANT SELECT, INSERT, UPDATE, DELETE ON " + table.name().sql() + " TO " + Sql.ident(name));
                }
                for (TablePrivilege privilege : snapshot.privileges(table.name())) {
                    if (privilege.grantee().equals(source) && !privilege.privilege().equals("TRUNCATE")) {
                        sql.add("GRANT " + privilege.privilege() + " ON " + table.name().sql() + " TO " + Sql.ident(name));
                    }
                }
            }
            for (View view : snapshot.views()) {
                for (TablePrivilege privilege : snapshot.privileges(view.name())) {
                    if (privilege.grantee().equals(source) && privilege.privilege().equals("SELECT")) {
                        sql.add("GRANT SELECT ON " + view.name().sql() + " TO " + Sql.ident(name));
                    }
                }
            }
        }
        if (sources.isEmpty()) {
            for (Table table : tenantTables) {
                sql.add("GRANT SELECT, INSERT, UPDATE, DELETE ON " + table.name().sql() + " TO " + Sql.ident(name));
            }
            // and reading the other tables, as any application does: the tenants table, lookups and membership
            // tables that policies read in subqueries
            for (Table table : snapshot.tables()) {
                if (!tenantTables.contains(table) && !table.isPartition()) {
                    sql.add("GRANT SELECT ON " + table.name().sql() + " TO " + Sql.ident(name));
                }
            }
            for (View view : snapshot.views()) {
                sql.add("GRANT SELECT ON " + view.name().sql() + " TO " + Sql.ident(name));
            }
        }
        for (String schema : config.schemas()) {
            // schemas and sequences: what any application needs to insert at all, not a question of isolation
            sql.add("GRANT USAGE ON SCHEMA " + Sql.ident(schema) + " TO " + Sql.ident(name));
            sql.add("GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA " + Sql.ident(schema) + " TO " + Sql.ident(name));
        }
        ProbeRole role = new ProbeRole(name, true, groups, why);
        try (Statement s = admin.createStatement()) {
            // db-guard's own DDL: no event trigger (db-guard's journal included) is to record it
            s.execute("SET session_replication_role = replica");
            try {
                for (String statement : sql) {
                    s.execute(statement);
                }
            } finally {
                s.execute("RESET session_replication_role");
            }
        } catch (SQLException e) {
            role.drop(admin);
            throw e;
        }
        if (appRole != null && snapshot.role(appRole).isEmpty()) {
            listener.warning("isolation probe: appRole " + appRole + " does not exist; probing as " + why);
        }
        return role;
    }

    /** Drops a generated role and what was granted to it; the configured appRole is left alone. */
    void drop(Connection admin) throws SQLException {
        if (!generated) {
            return;
        }
        if (!admin.getAutoCommit()) {
            admin.rollback();
            admin.setAutoCommit(true);
        }
        try (Statement s = admin.createStatement()) {
            s.execute("SET session_replication_role = replica");
            try {
                s.execute("DROP OWNED BY " + Sql.ident(name));
                s.execute("DROP ROLE " + Sql.ident(name));
            } finally {
                s.execute("RESET session_replication_role");
            }
        }
    }
}
