package dev.dbguard.core.rules.hygiene;

import dev.dbguard.core.catalog.Constraint;
import dev.dbguard.core.catalog.Sql;
import dev.dbguard.core.catalog.Table;
import dev.dbguard.core.report.Finding;
import dev.dbguard.core.report.Severity;
import dev.dbguard.core.rules.Fixes;
import dev.dbguard.core.rules.RuleDefinition;
import dev.dbguard.core.rules.SchemaContext;
import dev.dbguard.core.rules.SchemaRule;
import dev.dbguard.core.rules.Section;
import java.util.ArrayList;
import java.util.List;

@RuleDefinition(id = "foreign-key-unindexed", severity = Severity.INFO, section = Section.SCHEMA_HYGIENE,
        summary = "A foreign key's columns are not the start of any index")
public final class ForeignKeyUnindexedRule implements SchemaRule {

    @Override
    public List<Finding> check(SchemaContext context) {
        List<Finding> findings = new ArrayList<>();
        for (Table table : HygieneTables.judged(context)) {
            for (Constraint fk : HygieneTables.unindexedForeignKeys(table)) {
                List<String> parts = new ArrayList<>(fk.columns());
                parts.add("idx");
                String index = Sql.ident(Fixes.name(table, parts.toArray(String[]::new)));
                // CONCURRENTLY does not exist for partitioned tables
                String concurrently = table.isPartitioned() ? "" : " CONCURRENTLY";
                String columns = Fixes.joinColumns(fk.columns());
                findings.add(context.finding(this)
                        .table(table.name())
                        .column(fk.columns().size() == 1 ? fk.columns().get(0) : null)
                        .object(fk.name())
                        .at(context.sources().constraintOrIndex(table, fk.name()))
                        .message("foreign key " + fk.name() + " of " + table.name() + " (" + columns + ") references "
                                + fk.references() + ", but no index of " + table.name() + " starts with "
                                + (fk.columns().size() == 1 ? "that column" : "those columns")
                                + ": every DELETE or key UPDATE on " + fk.references() + " scans " + table.name())
                        .fix("CREATE INDEX" + concurrently + " " + index + " ON " + table.name().sql()
                                        + " (" + columns + ");",
                                "DROP INDEX" + concurrently + " " + Sql.ident(table.name().schema()) + "." + index + ";")
                        .build());
            }
        }
        return findings;
    }
}
