package dev.dbguard.core.rules.tenant;

import dev.dbguard.core.catalog.Constraint;
import dev.dbguard.core.catalog.Sql;
import dev.dbguard.core.catalog.Table;
import dev.dbguard.core.api.Finding;
import dev.dbguard.core.api.Severity;
import dev.dbguard.core.rules.Fixes;
import dev.dbguard.core.rules.RuleDefinition;
import dev.dbguard.core.rules.SchemaContext;
import dev.dbguard.core.rules.SchemaRule;
import dev.dbguard.core.rules.Section;
import dev.dbguard.core.tenancy.TenantModel;
import java.util.ArrayList;
import java.util.List;

@RuleDefinition(id = "cross-tenant-reference", severity = Severity.WARNING, section = Section.TENANT_ISOLATION,
        summary = "A foreign key between tenant tables leaves out the tenant column, so a row can point at another tenant's row")
public final class CrossTenantReferenceRule implements SchemaRule {

    @Override
    public List<Finding> check(SchemaContext context) {
        List<Finding> findings = new ArrayList<>();
        TenantModel tenancy = context.tenancy();
        for (Table child : tenancy.scopedTables()) {
            if (InheritedFromParent.isPartitionOfKnownTable(context, child)) {
                continue;
            }
            List<String> childTenant = tenancy.of(child.name()).tenantColumns();
            for (Constraint fk : child.foreignKeys()) {
                if (fk.references() == null || tenancy.of(fk.references()).kind() != TenantModel.Kind.SCOPED) {
                    continue;
                }
                Table parent = context.snapshot().table(fk.references()).orElseThrow();
                List<String> parentTenant = tenancy.of(parent.name()).tenantColumns();
                if (includesTenant(fk, childTenant, parentTenant)) {
                    continue;
                }
                findings.add(finding(context, child, parent, fk, childTenant.get(0), parentTenant.get(0)));
            }
        }
        return findings;
    }

    private static boolean includesTenant(Constraint fk, List<String> childTenant, List<String> parentTenant) {
        for (int i = 0; i < fk.columns().size(); i++) {
            if (childTenant.contains(fk.columns().get(i)) && parentTenant.contains(fk.refColumns().get(i))) {
                return true;
            }
        }
        return false;
    }

    private Finding finding(SchemaContext context, Table child, Table parent, Constraint fk, String childTenant,
                            String parentTenant) {
        String c = child.name().sql();
        String p = parent.name().sql();
        List<String> parentKey = new ArrayList<>(List.of(parentTenant));
        parentKey.addAll(fk.refColumns());
        List<String> childKey = new ArrayList<>(List.of(childTenant));
        childKey.addAll(fk.columns());
        boolean parentHasKey = parent.indexes().stream().anyMatch(i -> i.unique() && i.predicate() == null
                && i.columns().size() == parentKey.size() && i.columns().containsAll(parentKey));
        String unique = Sql.ident(Fixes.name(parent, String.join("_", parentKey), "key"));
        String newFk = Sql.ident(Fixes.name(child, String.join("_", fk.columns()), "tenant_fkey"));
        String fix = (parentHasKey ? "" : "ALTER TABLE " + p + " ADD CONSTRAINT " + unique + " UNIQUE ("
                + Fixes.joinColumns(parentKey) + ");\n")
                + "ALTER TABLE " + c + " ADD CONSTRAINT " + newFk + " FOREIGN KEY (" + Fixes.joinColumns(childKey)
                + ") REFERENCES " + p + " (" + Fixes.joinColumns(parentKey) + ") NOT VALID;\n"
                + "ALTER TABLE " + c + " VALIDATE CONSTRAINT " + newFk + ";\n"
                + "ALTER TABLE " + c + " DROP CONSTRAINT " + Sql.ident(fk.name()) + ";";
        String rollback = "ALTER TABLE " + c + " ADD CONSTRAINT " + Sql.ident(fk.name()) + " " + fk.definition() + ";\n"
                + "ALTER TABLE " + c + " DROP CONSTRAINT " + newFk + ";"
                + (parentHasKey ? "" : "\nALTER TABLE " + p + " DROP CONSTRAINT " + unique + ";");
        return context.finding(this)
                .table(child.name())
                .column(String.join(", ", fk.columns()))
                .object(fk.name())
                .at(context.sources().constraintOrIndex(child, fk.name()))
                .message("foreign key " + fk.name() + " of " + child.name() + " (" + String.join(", ", fk.columns())
                        + ") -> " + parent.name() + " leaves out " + childTenant
                        + ": a row of one tenant can point at another tenant's row")
                .fix(fix, rollback)
                .build();
    }
}
