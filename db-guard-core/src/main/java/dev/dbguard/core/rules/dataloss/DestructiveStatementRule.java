package dev.dbguard.core.rules.dataloss;

import dev.dbguard.core.history.DataStatement;
import dev.dbguard.core.history.StatementEffect;
import dev.dbguard.core.api.Finding;
import dev.dbguard.core.api.Severity;
import dev.dbguard.core.rules.MigrationContext;
import dev.dbguard.core.rules.MigrationRule;
import dev.dbguard.core.rules.RuleDefinition;
import dev.dbguard.core.rules.Section;
import java.util.ArrayList;
import java.util.List;

@RuleDefinition(id = "destructive-statement", severity = Severity.ERROR, section = Section.DATA_LOSS,
        summary = "DROP TABLE, DROP COLUMN, DROP SCHEMA, TRUNCATE, or DELETE/UPDATE without WHERE touches an existing table")
public final class DestructiveStatementRule implements MigrationRule {

    @Override
    public List<Finding> check(MigrationContext context) {
        List<Finding> findings = new ArrayList<>();
        for (StatementEffect effect : context.step().statements()) {
            for (StatementEffect.Dropped dropped : effect.dropped()) {
                if (!dropped.ofExistingTable() || !dropped.object().original()) {
                    continue; // objects of new tables, and what a drop took along, are not the statement's aim
                }
                String type = dropped.object().objectType();
                String identity = dropped.object().objectIdentity();
                switch (type) {
                    case "table" -> findings.add(finding(context, effect, identity, null,
                            "drops existing table " + identity + " and every row in it"));
                    case "table column" -> {
                        int dot = identity.lastIndexOf('.');
                        findings.add(finding(context, effect, identity.substring(0, dot), identity.substring(dot + 1),
                                "drops column " + identity + " of an existing table, and its values in every row"));
                    }
                    case "schema" -> findings.add(finding(context, effect, null, null,
                            "drops schema " + identity + " with existing tables in it"));
                    default -> {
                    }
                }
            }
            effect.data().ifPresent(data -> {
                for (String written : data.tables()) {
                    context.existingTable(written).ifPresent(table -> {
                        if (data.kind() == DataStatement.Kind.TRUNCATE) {
                            findings.add(finding(context, effect, table.qualifiedName(), null,
                                    "truncates existing table " + table.qualifiedName()));
                        } else if (!data.hasWhere()) {
                            findings.add(finding(context, effect, table.qualifiedName(), null,
                                    (data.kind() == DataStatement.Kind.DELETE ? "deletes" : "updates")
                                            + " every row of existing table " + table.qualifiedName()
                                            + " (no WHERE)"));
                        }
                    });
                }
            });
        }
        return findings;
    }

    private Finding finding(MigrationContext context, StatementEffect effect, String table, String column, String what) {
        return context.finding(this)
                .table(table)
                .column(column)
                .at(context.at(effect))
                .message(context.step().file() + " " + what + ": data the running application may still need is "
                        + "gone, and a rollback cannot bring it back")
                .fix("-- keep the data until no released code reads it: first stop using it in a release, then\n"
                                + "-- copy it aside (CREATE TABLE ..._archive AS SELECT ...) and remove it in a later one;\n"
                                + "-- when the loss is intended, say so above the statement:\n"
                                + "-- db-guard:ignore destructive-statement <why this data may go>",
                        null)
                .build();
    }
}
