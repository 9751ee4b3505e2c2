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

@RuleDefinition(id = "timestamps-missing", severity = Severity.INFO, section = Section.SCHEMA_HYGIENE,
        summary = "A tenant table has no created_at / updated_at")
public final class TimestampsMissingRule implements SchemaRule {

    private static final List<String> COLUMNS = List.of("created_at", "updated_at");

    @Override
    public List<Finding> check(SchemaContext context) {
        List<Finding> findings = new ArrayList<>();
        for (Table table : HygieneTables.tenantTables(context)) {
            List<String> missing = COLUMNS.stream().filter(c -> table.column(c).isEmpty()).toList();
            if (missing.isEmpty()) {
                continue;
            }
            String t = table.name().sql();
            StringBuilder fix = new StringBuilder(
                    "-- rows that exist keep NULL: when they were written or changed is not known\n");
            StringBuilder rollback = new StringBuilder();
            for (String column : missing) {
                String c = Sql.ident(column);
                fix.append("ALTER TABLE ").append(t).append(" ADD COLUMN ").append(c).append(" timestamptz;\n")
                        .append("ALTER TABLE ").append(t).append(" ALTER COLUMN ").append(c)
                        .append(" SET DEFAULT now();\n");
                rollback.append("ALTER TABLE ").append(t).append(" DROP COLUMN ").append(c).append(";\n");
            }
            if (missing.contains("updated_at")) {
                fix.append("-- a DEFAULT fills updated_at on INSERT only: the application or a trigger sets it on UPDATE\n");
            }
            findings.add(context.finding(this)
                    .table(table.name())
                    .column(missing.size() == 1 ? missing.get(0) : null)
                    .at(context.sources().tableCreated(table))
                    .message(table.name() + " has no " + String.join(" and no ", missing)
                            + ": when its rows were written or changed cannot be told")
                    .fix(fix.toString().strip(), rollback.toString().strip())
                    .build());
        }
        return findings;
    }
}
