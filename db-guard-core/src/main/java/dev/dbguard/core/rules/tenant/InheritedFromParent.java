package dev.dbguard.core.rules.tenant;

import dev.dbguard.core.catalog.Table;
import dev.dbguard.core.rules.SchemaContext;
import java.util.ArrayList;
import java.util.List;

/** Column-level properties of a partition come from its parent: judge the parent, not every partition. */
final class InheritedFromParent {

    /** A tenant column of a tenant-scoped table that is judged on its own (not a partition of a known parent). */
    record TenantColumn(Table table, String column) {
    }

    private InheritedFromParent() {
    }

    static boolean isPartitionOfKnownTable(SchemaContext context, Table table) {
        return table.isPartition() && context.snapshot().table(table.partitionOf()).isPresent();
    }

    /** Every tenant column of every tenant-scoped table the column rules judge. */
    static List<TenantColumn> tenantColumns(SchemaContext context) {
        List<TenantColumn> result = new ArrayList<>();
        for (Table table : context.tenancy().scopedTables()) {
            if (!isPartitionOfKnownTable(context, table)) {
                for (String column : context.tenancy().of(table.name()).tenantColumns()) {
                    result.add(new TenantColumn(table, column));
                }
            }
        }
        return result;
    }
}
