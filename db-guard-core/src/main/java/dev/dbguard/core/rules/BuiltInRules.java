package dev.dbguard.core.rules;

import dev.dbguard.core.api.InvalidParameterException;
import dev.dbguard.core.rules.dataloss.DestructiveStatementRule;
import dev.dbguard.core.rules.dataloss.FailsOnExistingDataRule;
import dev.dbguard.core.rules.dataloss.RollbackBrokenRule;
import dev.dbguard.core.rules.dataloss.RollbackMissingRule;
import dev.dbguard.core.rules.dataloss.RowsLostRule;
import dev.dbguard.core.rules.hygiene.ForeignKeyUnindexedRule;
import dev.dbguard.core.rules.hygiene.NamingDriftRule;
import dev.dbguard.core.rules.hygiene.SoftDeleteMissingRule;
import dev.dbguard.core.rules.hygiene.TimestampWithoutTimeZoneRule;
import dev.dbguard.core.rules.hygiene.TimestampsMissingRule;
import dev.dbguard.core.rules.tenant.CrossTenantReferenceRule;
import dev.dbguard.core.rules.locking.ColumnTypeChangeRule;
import dev.dbguard.core.rules.locking.ConstraintNotValidMissingRule;
import dev.dbguard.core.rules.locking.IndexNotConcurrentRule;
import dev.dbguard.core.rules.locking.LockTimeoutMissingRule;
import dev.dbguard.core.rules.locking.RenameBreaksClientsRule;
import dev.dbguard.core.rules.tenant.TenantColumnConstantDefaultRule;
import dev.dbguard.core.rules.tenant.TenantColumnMissingRule;
import dev.dbguard.core.rules.tenant.TenantColumnNullableRule;
import dev.dbguard.core.rules.tenant.TenantColumnUnindexedRule;
import dev.dbguard.core.rules.tenant.TenantColumnUnreferencedRule;
import dev.dbguard.core.rules.ordering.DropDefaultSameReleaseRule;
import dev.dbguard.core.rules.ordering.NotNullSameReleaseRule;
import dev.dbguard.core.rules.ordering.NotNullWithoutDefaultRule;
import dev.dbguard.core.rules.ordering.SetNotNullFullScanRule;
import dev.dbguard.core.rules.ordering.TenantBackfillConstantRule;
import dev.dbguard.core.rules.ordering.TimestampDefaultBackfillRule;
import dev.dbguard.core.rules.ordering.VolatileDefaultRewriteRule;
import dev.dbguard.core.rules.rls.AppRoleBypassesRlsRule;
import dev.dbguard.core.rules.rls.AppRoleCanTruncateRule;
import dev.dbguard.core.rules.rls.AppRoleOwnsTablesRule;
import dev.dbguard.core.rules.rls.PolicyAlwaysTrueRule;
import dev.dbguard.core.rules.rls.PolicyIgnoresTenantRule;
import dev.dbguard.core.rules.rls.PolicyWriteUncheckedRule;
import dev.dbguard.core.rules.rls.RlsDisabledRule;
import dev.dbguard.core.rules.rls.RlsNotForcedRule;
import dev.dbguard.core.rules.rls.RlsWithoutPolicyRule;
import dev.dbguard.core.rules.rls.SecurityDefinerFunctionRule;
import dev.dbguard.core.rules.rls.SecurityDefinerSearchPathRule;
import dev.dbguard.core.rules.rls.UniqueNotTenantScopedRule;
import dev.dbguard.core.rules.rls.ViewBypassesRlsRule;
import dev.dbguard.core.rules.isolation.IsolationFailOpenRule;
import dev.dbguard.core.rules.isolation.IsolationReadLeakRule;
import dev.dbguard.core.rules.isolation.IsolationWriteLeakRule;
import dev.dbguard.core.rules.isolation.ProbeSkippedRule;
import dev.dbguard.core.rules.role.BackfillBlockedByRlsRule;
import dev.dbguard.core.rules.role.MigrationNeedsSuperuserRule;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** The one list of rules db-guard runs. Adding a rule means adding its class here and its page under docs/rules. */
public final class BuiltInRules {

    private static final List<Rule> ALL = List.of(
            // 1. tenant isolation
            new TenantColumnMissingRule(),
            new TenantColumnNullableRule(),
            new TenantColumnUnreferencedRule(),
            new TenantColumnUnindexedRule(),
            new TenantColumnConstantDefaultRule(),
            new CrossTenantReferenceRule(),
            // 2. row level security
            new RlsDisabledRule(),
            new RlsNotForcedRule(),
            new RlsWithoutPolicyRule(),
            new PolicyAlwaysTrueRule(),
            new PolicyIgnoresTenantRule(),
            new PolicyWriteUncheckedRule(),
            new AppRoleBypassesRlsRule(),
            new AppRoleOwnsTablesRule(),
            new AppRoleCanTruncateRule(),
            new ViewBypassesRlsRule(),
            new SecurityDefinerFunctionRule(),
            new SecurityDefinerSearchPathRule(),
            new UniqueNotTenantScopedRule(),
            // 3. isolation proof (reported by the isolation probe)
            IsolationReadLeakRule.INSTANCE,
            IsolationWriteLeakRule.INSTANCE,
            IsolationFailOpenRule.INSTANCE,
            ProbeSkippedRule.INSTANCE,
            // 4. migration ordering
            new TimestampDefaultBackfillRule(),
            new NotNullWithoutDefaultRule(),
            new NotNullSameReleaseRule(),
            new DropDefaultSameReleaseRule(),
            new TenantBackfillConstantRule(),
            new VolatileDefaultRewriteRule(),
            new SetNotNullFullScanRule(),
            // 5. data loss
            new DestructiveStatementRule(),
            new RowsLostRule(),
            new FailsOnExistingDataRule(),
            new RollbackMissingRule(),
            new RollbackBrokenRule(),
            // 6. locking
            new IndexNotConcurrentRule(),
            new ConstraintNotValidMissingRule(),
            new ColumnTypeChangeRule(),
            new RenameBreaksClientsRule(),
            new LockTimeoutMissingRule(),
            // 7. schema hygiene
            new TimestampsMissingRule(),
            new SoftDeleteMissingRule(),
            new NamingDriftRule(),
            new ForeignKeyUnindexedRule(),
            new TimestampWithoutTimeZoneRule(),
            // 8. the production migration role
            new MigrationNeedsSuperuserRule(),
            new BackfillBlockedByRlsRule());

    private BuiltInRules() {
    }

    public static List<Rule> all() {
        return ALL;
    }

    public static Set<String> ids() {
        Set<String> ids = new LinkedHashSet<>();
        for (Rule rule : ALL) {
            ids.add(rule.id());
        }
        return ids;
    }

    /**
     * {@code id}, trimmed, when a built-in rule has it.
     *
     * @param parameter the parameter that names the rule ({@code rules}, {@code fixRules}), for the message
     * @throws InvalidParameterException naming the unknown id and the known ones
     */
    public static String known(String parameter, String id) {
        String trimmed = id == null ? "" : id.trim();
        if (!ids().contains(trimmed)) {
            throw new InvalidParameterException(parameter, "unknown rule id '" + trimmed + "'; known rules: "
                    + String.join(", ", new TreeSet<>(ids())));
        }
        return trimmed;
    }
}
