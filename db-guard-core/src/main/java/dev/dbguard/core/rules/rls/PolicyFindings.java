package dev.dbguard.core.rules.rls;

import dev.dbguard.core.catalog.Constraint;
import dev.dbguard.core.catalog.Policy;
import dev.dbguard.core.catalog.Sql;
import dev.dbguard.core.catalog.Table;
import dev.dbguard.core.api.Finding;
import dev.dbguard.core.rules.Fixes;
import dev.dbguard.core.rules.Rule;
import dev.dbguard.core.rules.SchemaContext;
import dev.dbguard.core.tenancy.TenantModel;
import java.util.ArrayList;
import java.util.List;

/** Turns the policy verdicts of one kind into findings with an {@code ALTER POLICY} fix. */
public final class PolicyFindings {

    private PolicyFindings() {
    }

    static List<Finding> of(Rule rule, SchemaContext context, PolicyVerdicts.Verdict verdict, String problem) {
        List<Finding> findings = new ArrayList<>();
        for (PolicyVerdicts.Judged judged : PolicyVerdicts.judge(context)) {
            if (judged.verdict() != verdict) {
                continue;
            }
            Table table = judged.table();
            Policy policy = judged.policy();
            String predicate = tenantPredicate(context, table);
            findings.add(context.finding(rule)
                    .table(table.name())
                    .object(policy.name())
                    .at(context.sources().policy(table, policy))
                    .message("policy " + policy.name() + " on " + table.name() + " (" + describe(policy) + ") "
                            + judged.clause() + " " + judged.expression() + " " + problem)
                    .fix(alter(table, policy, predicate, predicate),
                            alter(table, policy, policy.using(), policy.withCheck()))
                    .build());
        }
        return findings;
    }

    private static String describe(Policy policy) {
        return "FOR " + policy.command() + " TO " + String.join(", ", policy.roles());
    }

    /** {@code ALTER POLICY} with the clauses the policy's command allows. */
    private static String alter(Table table, Policy policy, String using, String check) {
        StringBuilder sql = new StringBuilder("ALTER POLICY " + Sql.ident(policy.name()) + " ON " + table.name().sql());
        boolean hasUsing = policy.command() != Policy.Command.INSERT;
        boolean hasCheck = policy.command() != Policy.Command.SELECT && policy.command() != Policy.Command.DELETE;
        if (hasUsing && using != null) {
            sql.append(" USING (").append(using).append(')');
        }
        if (hasCheck && check != null) {
            sql.append(" WITH CHECK (").append(check).append(')');
        }
        return sql.append(';').toString();
    }

    /**
     * The condition a tenant policy needs: the tenant column against the session's tenant, or, for a table that
     * reaches its tenant through a parent, the existence of the parent row (which the parent's own policy filters).
     */
    public static String tenantPredicate(SchemaContext context, Table table) {
        TenantModel.TableTenancy tenancy = context.tenancy().of(table.name());
        if (!tenancy.tenantColumns().isEmpty()) {
            String column = tenancy.tenantColumns().get(0);
            return Fixes.tenantPredicate(context.config(), column, table.column(column).orElseThrow().type());
        }
        TenantModel.ForeignKeyHop hop = tenancy.pathToTenant().get(0);
        Constraint fk = hop.foreignKey();
        StringBuilder join = new StringBuilder();
        for (int i = 0; i < fk.columns().size(); i++) {
            join.append(i == 0 ? "" : " AND ").append("p.").append(Sql.ident(fk.refColumns().get(i))).append(" = ")
                    .append(table.name().sql()).append('.').append(Sql.ident(fk.columns().get(i)));
        }
        return "EXISTS (SELECT 1 FROM " + hop.parent().sql() + " p WHERE " + join + ")";
    }
}
