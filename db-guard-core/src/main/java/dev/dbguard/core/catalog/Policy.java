package dev.dbguard.core.catalog;

import java.util.List;

/**
 * A row level security policy.
 *
 * @param command    ALL, SELECT, INSERT, UPDATE or DELETE
 * @param permissive false for AS RESTRICTIVE
 * @param roles      role names; {@code public} means every role
 * @param using      USING expression as PostgreSQL prints it, or null
 * @param withCheck  WITH CHECK expression as PostgreSQL prints it, or null
 */
public record Policy(
        long oid,
        String name,
        Command command,
        boolean permissive,
        List<String> roles,
        String using,
        String withCheck) {

    public enum Command {
        ALL, SELECT, INSERT, UPDATE, DELETE;

        static Command of(char polcmd) {
            return switch (polcmd) {
                case 'r' -> SELECT;
                case 'a' -> INSERT;
                case 'w' -> UPDATE;
                case 'd' -> DELETE;
                default -> ALL;
            };
        }

        /** True when a policy for this command applies to {@code other}. */
        public boolean covers(Command other) {
            return this == ALL || this == other;
        }
    }

    public Policy {
        roles = List.copyOf(roles);
    }

    /** True when the policy applies to {@code role} (directly, through PUBLIC, or via a role it belongs to). */
    public boolean appliesTo(java.util.Set<String> roleAndAncestors) {
        return roles.contains("public") || roles.stream().anyMatch(roleAndAncestors::contains);
    }
}
