package dev.dbguard.core.rules.hygiene;

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
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

@RuleDefinition(id = "foreign-key-unindexed", severity = Severity.INFO, section = Section.SCHEMA_HYGIENE,
        summary = "A foreign key's columns are not the start of any index")
public final class ForeignKeyUnindexedRule implements SchemaRule {

    @Override
    public List<Finding> check(SchemaContext context) {
        List<Finding> findings = new ArrayList<>();
        for (Table table : HygieneTables.judged(context)) {
            for (Constraint fk : HygieneTables.unindexedForeignKeys(table)) {
                String index = Sql.ident(indexName(context, table, fk));
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

    /**
     * {@code <table>_<columns>_idx}, or with a number appended when an index or relation of the schema already
     * has that name (a partial index on the same columns often does).
     */
    private static String indexName(SchemaContext context, Table table, Constraint fk) {
        Set<String> taken = new HashSet<>();
        for (Table other : context.snapshot().tables()) {
            if (other.name().schema().equals(table.name().schema())) {
                taken.add(other.name().name());
                other.indexes().forEach(i -> taken.add(i.name()));
            }
        }
        context.snapshot().views().stream().filter(v -> v.name().schema().equals(table.name().schema()))
                .forEach(v -> taken.add(v.name().name()));
        List<String> parts = new ArrayList<>(fk.columns());
        parts.add("idx");
        String name = Fixes.name(table, parts.toArray(String[]::new));
        String candidate = name;
        for (int n = 1; taken.contains(candidate); n++) {
            String suffix = String.valueOf(n);
            candidate = (name.length() + suffix.length() > 63 ? name.substring(0, 63 - suffix.length()) : name) + suffix;
        }
        return candidate;
    }
}
