package dev.dbguard.core.rules.isolation;

import dev.dbguard.core.catalog.Table;
import dev.dbguard.core.rules.SchemaContext;

/** Column-level properties of a partition come from its parent: judge the parent, not every partition. */
final class InheritedFromParent {

    private InheritedFromParent() {
    }

    static boolean isPartitionOfKnownTable(SchemaContext context, Table table) {
        return table.isPartition() && context.snapshot().table(table.partitionOf()).isPresent();
    }
}
