package dev.dbguard.core.rules.tenant;

import dev.dbguard.core.catalog.Sql;
import dev.dbguard.core.catalog.Table;
import dev.dbguard.core.api.Finding;
import dev.dbguard.core.api.Severity;
import dev.dbguard.core.rules.Fixes;
import dev.dbguard.core.rules.RuleDefinition;
import dev.dbguard.core.rules.SchemaContext;
import dev.dbguard.core.rules.SchemaRule;
import dev.dbguard.core.rules.Section;
import java.util.ArrayList;
import java.util.List;

@RuleDefinition(id = "tenant-column-unindexed", severity = Severity.WARNING, section = Section.TENANT_ISOLATION,
        summary = "No index starts with the tenant column, so every policy check scans the table")
public final class TenantColumnUnindexedRule implements SchemaRule {

    @Override
    public List<Finding> check(SchemaContext context) {
        List<Finding> findings = new ArrayList<>();
        for (InheritedFromParent.TenantColumn judged : InheritedFromParent.tenantColumns(context)) {
            Table table = judged.table();
            String column = judged.column();
            // a partial index serves only queries that repeat its WHERE: a policy check is not one of them
            if (table.indexes().stream().anyMatch(i -> i.valid() && i.predicate() == null && i.startsWith(column))) {
                continue;
            }
            String t = table.name().sql();
            String index = Sql.ident(Fixes.name(table, column, "idx"));
            // CONCURRENTLY does not exist for partitioned tables
            String concurrently = table.isPartitioned() ? "" : " CONCURRENTLY";
            findings.add(context.finding(this)
                    .table(table.name())
                    .column(column)
                    .at(context.sources().column(table, column))
                    .message("no index of " + table.name() + " starts with " + column
                            + ": every query filtered by its tenant policy reads the whole table")
                    .fix("CREATE INDEX" + concurrently + " " + index + " ON " + t + " (" + Sql.ident(column) + ");",
                            "DROP INDEX" + concurrently + " " + Sql.ident(table.name().schema()) + "." + index + ";")
                    .build());
        }
        return findings;
    }
}
