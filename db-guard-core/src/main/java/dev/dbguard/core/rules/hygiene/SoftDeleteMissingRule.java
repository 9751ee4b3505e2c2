package dev.dbguard.core.rules.hygiene;

import dev.dbguard.core.catalog.Table;
import dev.dbguard.core.api.Finding;
import dev.dbguard.core.api.Severity;
import dev.dbguard.core.rules.RuleDefinition;
import dev.dbguard.core.rules.SchemaContext;
import dev.dbguard.core.rules.SchemaRule;
import dev.dbguard.core.rules.Section;
import java.util.ArrayList;
import java.util.List;

/** Off by default: only projects that promise a restore window need it. Its severity when switched on is INFO. */
@RuleDefinition(id = "soft-delete-missing", severity = Severity.INFO, section = Section.SCHEMA_HYGIENE,
        summary = "A tenant table has no deleted_at (off by default)", onByDefault = false)
public final class SoftDeleteMissingRule implements SchemaRule {

    @Override
    public List<Finding> check(SchemaContext context) {
        List<Finding> findings = new ArrayList<>();
        for (Table table : HygieneTables.tenantTables(context)) {
            if (table.column("deleted_at").isPresent()) {
                continue;
            }
            String t = table.name().sql();
            findings.add(context.finding(this)
                    .table(table.name())
                    .at(context.sources().tableCreated(table))
                    .message(table.name() + " has no deleted_at: a DELETE leaves nothing to restore")
                    .fix("ALTER TABLE " + t + " ADD COLUMN deleted_at timestamptz;\n"
                                    + "-- then have reads filter deleted_at IS NULL, and deletes set it instead of removing rows",
                            "ALTER TABLE " + t + " DROP COLUMN deleted_at;")
                    .build());
        }
        return findings;
    }
}
