package dev.dbguard.core.rules.isolation;

import dev.dbguard.core.api.Finding;
import dev.dbguard.core.catalog.Column;
import dev.dbguard.core.catalog.Policy;
import dev.dbguard.core.catalog.Sql;
import dev.dbguard.core.catalog.Table;
import dev.dbguard.core.catalog.View;
import dev.dbguard.core.probe.ProbeOutcome.Kind;
import dev.dbguard.core.probe.ProbeOutcome.Membership;
import dev.dbguard.core.probe.ProbeOutcome.Observation;
import dev.dbguard.core.rules.FindingBuilder;
import dev.dbguard.core.rules.Fixes;
import dev.dbguard.core.rules.ProbeContext;
import dev.dbguard.core.rules.Rule;
import dev.dbguard.core.rules.SchemaContext;
import dev.dbguard.core.rules.rls.PolicyFindings;
import java.util.List;

/**
 * Turns the probe's observations of one kind into findings: where each points (the policy to blame, else where row
 * level security should have been enabled, or the view) and the fix (the policy pinned to the tenant, row level
 * security enabled and forced with a tenant policy, or the view made {@code security_invoker}).
 */
final class ProbeFindings {

    private ProbeFindings() {
    }

    static List<Finding> of(Rule rule, Kind kind, ProbeContext context) {
        return context.outcome().of(kind).stream().map(o -> finding(rule, o, context)).toList();
    }

    private static Finding finding(Rule rule, Observation observation, ProbeContext probe) {
        SchemaContext context = probe.schema();
        if (observation.view() != null) {
            View view = observation.view();
            return context.finding(rule).table(view.name()).object(view.name().toString())
                    .at(context.sources().view(view)).message(observation.message())
                    .fix(view.securityInvoker() ? null : "ALTER VIEW " + view.name().sql() + " SET (security_invoker = true);",
                            view.securityInvoker() ? null : "ALTER VIEW " + view.name().sql() + " RESET (security_invoker);")
                    .build();
        }
        Table table = observation.table();
        if (observation.kind() == Kind.SKIPPED) {
            return context.finding(rule).table(table.name()).at(context.sources().tableCreated(table))
                    .message(observation.message()).build();
        }
        return leak(rule, table, observation.culprit(), probe).message(observation.message()).build();
    }

    private static FindingBuilder leak(Rule rule, Table table, Policy culprit, ProbeContext probe) {
        SchemaContext context = probe.schema();
        FindingBuilder builder = context.finding(rule).table(table.name());
        if (!table.rlsEnabled() || table.policies().isEmpty()) {
            return builder.at(context.sources().rowLevelSecurity(table))
                    .fix(Fixes.enableAndForce(table.name()) + "\nCREATE POLICY tenant_isolation ON " + table.name().sql()
                                    + " USING (" + tenantPredicate(table, probe) + ");",
                            "DROP POLICY tenant_isolation ON " + table.name().sql() + ";\nALTER TABLE "
                                    + table.name().sql() + " NO FORCE ROW LEVEL SECURITY;\nALTER TABLE "
                                    + table.name().sql() + " DISABLE ROW LEVEL SECURITY;");
        }
        if (culprit == null) {
            return builder.at(context.sources().rowLevelSecurity(table));
        }
        String predicate = tenantPredicate(table, probe);
        return builder.object(culprit.name()).at(context.sources().policy(table, culprit))
                .fix(alter(table, culprit, predicate, predicate), alter(table, culprit, culprit.using(), culprit.withCheck()));
    }

    /**
     * The predicate a fix puts in the policy: the tenant column against the setting, or, in membership tenancy, the
     * tenant column among the tenants the session's user is a member of.
     */
    private static String tenantPredicate(Table table, ProbeContext probe) {
        SchemaContext context = probe.schema();
        List<String> columns = context.tenancy().of(table.name()).tenantColumns();
        Membership membership = probe.outcome().membership();
        if (membership == null || columns.isEmpty()) {
            return PolicyFindings.tenantPredicate(context, table);
        }
        String userType = membership.table().column(membership.userColumn()).map(Column::type).orElse("text");
        return Sql.ident(columns.get(0)) + " IN (SELECT m." + Sql.ident(membership.tenantColumn()) + " FROM "
                + membership.table().name().sql() + " m WHERE m." + Sql.ident(membership.userColumn())
                + " = current_setting(" + Sql.literal(Fixes.tenantSetting(context.config())) + ", true)::" + userType + ")";
    }

    private static String alter(Table table, Policy policy, String using, String check) {
        StringBuilder sql = new StringBuilder("ALTER POLICY " + Sql.ident(policy.name()) + " ON " + table.name().sql());
        if (policy.command() != Policy.Command.INSERT && using != null) {
            sql.append(" USING (").append(using).append(')');
        }
        if (policy.command() != Policy.Command.SELECT && policy.command() != Policy.Command.DELETE && check != null) {
            sql.append(" WITH CHECK (").append(check).append(')');
        }
        return sql.append(';').toString();
    }

}
