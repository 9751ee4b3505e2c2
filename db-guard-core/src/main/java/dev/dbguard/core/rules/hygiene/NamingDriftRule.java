package dev.dbguard.core.rules.hygiene;

import dev.dbguard.core.catalog.Sql;
import dev.dbguard.core.catalog.Table;
import dev.dbguard.core.api.Finding;
import dev.dbguard.core.api.Severity;
import dev.dbguard.core.rules.RuleDefinition;
import dev.dbguard.core.rules.SchemaContext;
import dev.dbguard.core.rules.SchemaRule;
import dev.dbguard.core.rules.Section;
import java.util.ArrayList;
import java.util.List;

@RuleDefinition(id = "naming-drift", severity = Severity.INFO, section = Section.SCHEMA_HYGIENE,
        summary = "One table holds synonym columns such as label, nickname and display_name")
public final class NamingDriftRule implements SchemaRule {

    @Override
    public List<Finding> check(SchemaContext context) {
        List<Finding> findings = new ArrayList<>();
        for (Table table : HygieneTables.judged(context)) {
            for (List<String> columns : HygieneTables.synonymColumns(table)) {
                String names = String.join(", ", columns);
                // the column added last is usually the one that started the drift
                String last = columns.get(columns.size() - 1);
                findings.add(context.finding(this)
                        .table(table.name())
                        .object(names)
                        .at(context.sources().column(table, last))
                        .message(table.name() + " holds " + names + ", which name the same thing: code paths that "
                                + "write different ones leave rows whose values disagree")
                        .fix(audit(table, columns), null)
                        .build());
            }
        }
        return findings;
    }

    /** Counts, per pair of columns, the rows where they disagree: the facts a merge has to decide on. */
    private static String audit(Table table, List<String> columns) {
        StringBuilder sql = new StringBuilder("-- audit before keeping one column: a blind COALESCE keeps one "
                + "value and silently drops the other where they disagree\nSELECT COUNT(*) AS total_rows");
        for (int i = 0; i < columns.size(); i++) {
            for (int j = i + 1; j < columns.size(); j++) {
                String a = columns.get(i);
                String b = columns.get(j);
                sql.append(",\n       COUNT(*) FILTER (WHERE ").append(Sql.ident(a)).append(" IS DISTINCT FROM ")
                        .append(Sql.ident(b)).append(") AS ").append(Sql.ident(a + "_vs_" + b));
            }
        }
        return sql.append("\nFROM ").append(table.name().sql()).append(';').toString();
    }
}
