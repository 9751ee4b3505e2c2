package dev.dbguard.core.tenancy;

import dev.dbguard.core.catalog.CatalogSnapshot;
import dev.dbguard.core.catalog.Role;
import dev.dbguard.core.catalog.Table;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.Set;

/** Role memberships as PostgreSQL applies them to privileges and to row level security. */
public final class RoleGraph {

    private final CatalogSnapshot snapshot;

    public RoleGraph(CatalogSnapshot snapshot) {
        this.snapshot = snapshot;
    }

    /** The role and every role it can SET ROLE to, directly or through others (SET option all along the chain). */
    public Set<String> settable(String role) {
        return closure(role, false);
    }

    /** The role and every role whose privileges it has without SET ROLE (inheritance all along the chain). */
    public Set<String> privilegesOf(String role) {
        return closure(role, true);
    }

    /** Every role whose rights the role can use: by inheritance or by SET ROLE. */
    public Set<String> memberships(String role) {
        Set<String> all = new LinkedHashSet<>(settable(role));
        all.addAll(privilegesOf(role));
        return all;
    }

    private Set<String> closure(String role, boolean inheritOnly) {
        Set<String> result = new LinkedHashSet<>();
        Deque<String> queue = new ArrayDeque<>();
        result.add(role);
        queue.add(role);
        while (!queue.isEmpty()) {
            Role current = snapshot.role(queue.poll()).orElse(null);
            if (current == null) {
                continue;
            }
            for (Role.Membership membership : current.memberOf()) {
                if (inheritOnly ? !membership.inherits() : !membership.canSet()) {
                    continue;
                }
                if (result.add(membership.role())) {
                    queue.add(membership.role());
                }
            }
        }
        return result;
    }

    public boolean isSuperuserOrBypassesRls(String role) {
        return snapshot.role(role).map(r -> r.superuser() || r.bypassRls()).orElse(false);
    }

    /** True when queries run as {@code role} skip the table's policies: superuser, BYPASSRLS, or owner of an unforced table. */
    public boolean bypassesRls(String role, Table table) {
        if (isSuperuserOrBypassesRls(role)) {
            return true;
        }
        return !table.rlsForced() && privilegesOf(role).contains(table.owner());
    }

    /**
     * The role among {@code role}'s memberships (itself included) that can skip the table's policies, or null.
     * SUPERUSER and BYPASSRLS are never inherited: they count only for roles it can SET ROLE to. Ownership counts
     * through inheritance too: PostgreSQL treats a role with the owner's privileges as the owner.
     */
    public String bypassingMembership(String role, Table table) {
        for (String candidate : settable(role)) {
            if (isSuperuserOrBypassesRls(candidate)) {
                return candidate;
            }
        }
        if (!table.rlsForced() && memberships(role).contains(table.owner())) {
            return table.owner();
        }
        return null;
    }
}
