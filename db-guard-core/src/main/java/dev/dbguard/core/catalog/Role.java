package dev.dbguard.core.catalog;

import java.util.List;

/**
 * A role of the cluster.
 *
 * @param memberOf roles this role is a direct member of, with whether it inherits their privileges and whether
 *                 it may SET ROLE to them (always, before PostgreSQL 16)
 */
public record Role(String name, boolean superuser, boolean bypassRls, boolean canLogin, boolean inherit,
                   List<Membership> memberOf) {

    public record Membership(String role, boolean inherits, boolean canSet) {
    }

    public Role {
        memberOf = List.copyOf(memberOf);
    }
}
