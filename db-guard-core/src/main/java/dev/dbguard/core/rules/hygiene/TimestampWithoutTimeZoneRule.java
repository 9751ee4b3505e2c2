package dev.dbguard.core.rules.hygiene;

import dev.dbguard.core.catalog.Column;
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

@RuleDefinition(id = "timestamp-without-time-zone", severity = Severity.INFO, section = Section.SCHEMA_HYGIENE,
        summary = "A timestamp column where timestamptz was meant")
public final class TimestampWithoutTimeZoneRule implements SchemaRule {

    /** The zone the fix assumes; its comment says it must be the writers' and be confirmed. */
    static final String ZONE = "UTC";

    @Override
    public List<Finding> check(SchemaContext context) {
        List<Finding> findings = new ArrayList<>();
        for (Table table : HygieneTables.judged(context)) {
            for (Column column : HygieneTables.timestampsWithoutTimeZone(table)) {
                String t = table.name().sql();
                String c = Sql.ident(column.name());
                String precision = column.type().startsWith("timestamp(")
                        ? column.type().substring("timestamp".length(), column.type().indexOf(')') + 1) : "";
                String zone = Sql.literal(ZONE);
                String message = table.name() + "." + column.name() + " is " + column.type()
                        + ": the instant it records depends on the time zone setting of whoever wrote it";
                if (table.isPartitioned()) {
                    // the catalogue read does not tell the partition key, whose type no ALTER can change
                    findings.add(context.finding(this)
                            .table(table.name())
                            .column(column.name())
                            .at(context.sources().column(table, column.name()))
                            .message(message + " (no fix given for a partitioned table: a partition key column "
                                    + "cannot change type, the table has to be rebuilt)")
                            .build());
                    continue;
                }
                findings.add(context.finding(this)
                        .table(table.name())
                        .column(column.name())
                        .at(context.sources().column(table, column.name()))
                        .message(message)
                        .fix("-- " + zone + " must be the time zone the writers of " + column.name() + " used: confirm "
                                        + "it before running (the type change rewrites the table)\n"
                                        + "ALTER TABLE " + t + " ALTER COLUMN " + c + " TYPE timestamptz" + precision
                                        + " USING " + c + " AT TIME ZONE " + zone + ";",
                                "ALTER TABLE " + t + " ALTER COLUMN " + c + " TYPE timestamp" + precision
                                        + " USING " + c + " AT TIME ZONE " + zone + ";")
                        .build());
            }
        }
        return findings;
    }
}
