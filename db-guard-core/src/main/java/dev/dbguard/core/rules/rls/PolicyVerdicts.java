package dev.dbguard.core.rules.rls;

import dev.dbguard.core.catalog.Policy;
import dev.dbguard.core.catalog.Table;
import dev.dbguard.core.rules.SchemaContext;
import dev.dbguard.core.tenancy.TenantModel;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Judges every permissive policy of the tenant tables by its effect, as PostgreSQL applies policies:
 * permissive policies for a command and role are OR-ed, so one that lets a foreign row through is a leak on its
 * own; restrictive ones are AND-ed on top, so a restrictive policy that pins the tenant for the same commands and
 * roles makes any permissive one safe. An UPDATE or ALL policy without WITH CHECK reuses its USING as the check;
 * an INSERT policy without WITH CHECK admits nothing. Each policy gets at most one verdict; the three rules
 * report their own.
 */
final class PolicyVerdicts {

    enum Verdict { ALWAYS_TRUE, IGNORES_TENANT, WRITE_UNCHECKED }

    /**
     * @param clause the clause that earns the verdict: "USING" or "WITH CHECK"
     */
    record Judged(Table table, Policy policy, Verdict verdict, String clause, String expression) {
    }

    private enum State { SAFE, TRUE, UNPINNED }

    private PolicyVerdicts() {
    }

    static List<Judged> judge(SchemaContext context) {
        List<Judged> result = new ArrayList<>();
        for (Table table : context.tenancy().tenantTables()) {
            TenantModel.TableTenancy tenancy = context.tenancy().of(table.name());
            Set<String> tenantColumns = new HashSet<>(tenancy.tenantColumns());
            boolean scoped = tenancy.kind() == TenantModel.Kind.SCOPED;
            for (Policy policy : table.policies()) {
                if (!policy.permissive()) {
                    continue;
                }
                String migrator = context.config().migrationRole();
                if (migrator != null && policy.roles().size() == 1 && policy.roles().contains(migrator)) {
                    continue; // lets the migrations' own role backfill every tenant: no tenant connects as it
                }
                State read = state(policy.using(), neutralized(table, policy, tenantColumns, false), tenantColumns, scoped);
                State check = state(effectiveCheck(policy), neutralized(table, policy, tenantColumns, true),
                        tenantColumns, scoped);
                Judged judged = verdict(table, policy, read, check);
                if (judged != null) {
                    result.add(judged);
                }
            }
        }
        return result;
    }

    private static Judged verdict(Table table, Policy policy, State read, State check) {
        if (read == State.TRUE) {
            return new Judged(table, policy, Verdict.ALWAYS_TRUE, "USING", policy.using());
        }
        if (policy.using() == null) { // an INSERT policy: WITH CHECK is all it has
            return switch (check) {
                case TRUE -> new Judged(table, policy, Verdict.ALWAYS_TRUE, "WITH CHECK", policy.withCheck());
                case UNPINNED -> new Judged(table, policy, Verdict.IGNORES_TENANT, "WITH CHECK", policy.withCheck());
                case SAFE -> null;
            };
        }
        if (read == State.UNPINNED) {
            return new Judged(table, policy, Verdict.IGNORES_TENANT, "USING", policy.using());
        }
        if (check != State.SAFE) { // reads are pinned (by the policy or a restrictive one), writes are not
            return policy.withCheck() != null
                    ? new Judged(table, policy, Verdict.WRITE_UNCHECKED, "WITH CHECK", policy.withCheck())
                    : new Judged(table, policy, Verdict.WRITE_UNCHECKED, "USING (also its check)", policy.using());
        }
        return null;
    }

    /** The check PostgreSQL applies to new rows: WITH CHECK, else USING for ALL and UPDATE policies, else none. */
    private static String effectiveCheck(Policy policy) {
        if (policy.withCheck() != null) {
            return policy.withCheck();
        }
        return policy.command() == Policy.Command.ALL || policy.command() == Policy.Command.UPDATE
                ? policy.using() : null;
    }

    private static State state(String expression, boolean neutralized, Set<String> tenantColumns, boolean scoped) {
        if (expression == null || neutralized) {
            return State.SAFE;
        }
        PolicyExpression parsed = PolicyExpression.parse(expression);
        if (parsed.alwaysTrue()) {
            return State.TRUE;
        }
        // a tenant-owned table has no tenant column to compare: only constant policies can be judged here
        if (scoped && !parsed.pinsTenant(tenantColumns)) {
            return State.UNPINNED;
        }
        return State.SAFE;
    }

    /**
     * True when a restrictive policy of the same table, for every command and role the permissive one covers,
     * pins the tenant on the side asked for (its USING for reads, its effective check for writes).
     */
    private static boolean neutralized(Table table, Policy permissive, Set<String> tenantColumns, boolean writeSide) {
        for (Policy restrictive : table.policies()) {
            if (restrictive.permissive()) {
                continue;
            }
            if (!commands(restrictive).containsAll(commands(permissive))) {
                continue;
            }
            if (!restrictive.roles().contains("public") && !restrictive.roles().containsAll(permissive.roles())) {
                continue;
            }
            String clause = writeSide ? effectiveCheck(restrictive) : restrictive.using();
            if (clause != null && PolicyExpression.parse(clause).pinsTenant(tenantColumns)) {
                return true;
            }
        }
        return false;
    }

    private static Set<Policy.Command> commands(Policy policy) {
        return policy.command() == Policy.Command.ALL
                ? EnumSet.of(Policy.Command.SELECT, Policy.Command.INSERT, Policy.Command.UPDATE, Policy.Command.DELETE)
                : EnumSet.of(policy.command());
    }
}
