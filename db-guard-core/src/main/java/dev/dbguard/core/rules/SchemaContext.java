package dev.dbguard.core.rules;

import dev.dbguard.core.api.SourceLocator;
import dev.dbguard.core.tenancy.RoleGraph;
import dev.dbguard.core.api.GuardConfig;
import dev.dbguard.core.catalog.CatalogSnapshot;
import dev.dbguard.core.catalog.QualifiedName;
import dev.dbguard.core.tenancy.TenantModel;

/** What a {@link SchemaRule} sees: the final catalogue, who owns which tenant data, and where objects came from. */
public record SchemaContext(
        CatalogSnapshot snapshot,
        TenantModel tenancy,
        RoleGraph roles,
        GuardConfig config,
        SourceLocator sources) {

    public static SchemaContext of(CatalogSnapshot snapshot, GuardConfig config, SourceLocator sources) {
        TenantModel tenancy = new TenantModel(snapshot, config.tenantColumns(), config.tenantTable(),
                config.globalTables(), config.schemas());
        return new SchemaContext(snapshot, tenancy, new RoleGraph(snapshot), config, sources);
    }

    /** Starts a finding of {@code rule} with its id and default severity. */
    public FindingBuilder finding(Rule rule) {
        return new FindingBuilder(rule);
    }
}
