package dev.dbguard.core.rules.ordering;

import dev.dbguard.core.catalog.Sql;
import dev.dbguard.core.history.DataStatement;
import dev.dbguard.core.history.StatementEffect;
import dev.dbguard.core.journal.TableState;
import dev.dbguard.core.api.Finding;
import dev.dbguard.core.api.Severity;
import dev.dbguard.core.rules.Fixes;
import dev.dbguard.core.rules.MigrationContext;
import dev.dbguard.core.rules.MigrationRule;
import dev.dbguard.core.rules.RuleDefinition;
import dev.dbguard.core.rules.Section;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

@RuleDefinition(id = "tenant-backfill-constant", severity = Severity.WARNING, section = Section.MIGRATION_ORDERING,
        summary = "A tenant column of an existing table gets a constant DEFAULT or backfill: every existing row goes to one tenant")
public final class TenantBackfillConstantRule implements MigrationRule {

    /** A single-column foreign key as pg_get_constraintdef prints it. */
    private static final Pattern FOREIGN_KEY = Pattern.compile(
            "^FOREIGN KEY \\(([^,)]+)\\) REFERENCES ((?:\"[^\"]+\"|[^\\s(\".]+)(?:\\.(?:\"[^\"]+\"|[^\\s(\".]+))?)\\(([^,)]+)\\)");

    @Override
    public List<Finding> check(MigrationContext context) {
        List<Finding> findings = new ArrayList<>();
        for (MigrationContext.AddedColumn added : context.columnsAddedToExistingTables()) {
            TableState.ColumnState column = added.column();
            TableState table = added.change().after();
            if (isTenantColumn(context, table, column.name()) && Fixes.isConstant(column.defaultExpr())) {
                findings.add(finding(context, added.effect(), table, column.name(), column.type(),
                        "adds tenant column " + column.name() + " to existing table " + table.qualifiedName()
                                + " with the constant DEFAULT " + column.defaultExpr(), true));
            }
        }
        for (StatementEffect effect : context.step().statements()) {
            Optional<DataStatement> data = effect.data();
            if (data.isEmpty() || data.get().kind() != DataStatement.Kind.UPDATE) {
                continue;
            }
            for (String written : data.get().tables()) {
                Optional<TableState> existing = context.existingTableAt(written, effect);
                if (existing.isEmpty()) {
                    continue;
                }
                TableState table = existing.get();
                for (Map.Entry<String, String> set : data.get().assignments().entrySet()) {
                    if (set.getValue() != null && isTenantColumn(context, table, set.getKey())
                            && Fixes.isConstant(set.getValue())) {
                        String type = table.column(set.getKey()).map(TableState.ColumnState::type).orElse("<type>");
                        findings.add(finding(context, effect, table, set.getKey(), type,
                                "backfills tenant column " + set.getKey() + " of existing table "
                                        + table.qualifiedName() + " with the constant " + set.getValue(), false));
                    }
                }
            }
        }
        return findings;
    }

    /** A configured tenant column name, or a column with a foreign key to the tenants table. */
    private static boolean isTenantColumn(MigrationContext context, TableState table, String column) {
        if (context.isTenantColumn(column)) {
            return true;
        }
        for (TableState.ConstraintState constraint : table.constraints()) {
            Matcher fk = FOREIGN_KEY.matcher(constraint.definition());
            if (constraint.type().equals("f") && fk.find() && unquote(fk.group(1).trim()).equals(column)
                    && sameTable(unquoteQualified(fk.group(2)), context.config().tenantTable())) {
                return true;
            }
        }
        return false;
    }

    private static boolean sameTable(String referenced, String configured) {
        String wanted = unquoteQualified(configured.trim());
        if (referenced.contains(".") && wanted.contains(".")) {
            return referenced.equals(wanted);
        }
        return last(referenced).equals(last(wanted));
    }

    private static String last(String qualified) {
        return qualified.substring(qualified.lastIndexOf('.') + 1);
    }

    private static String unquoteQualified(String text) {
        int dot = text.startsWith("\"") ? text.indexOf('.', text.indexOf('"', 1)) : text.indexOf('.');
        return dot < 0 ? unquote(text) : unquote(text.substring(0, dot)) + "." + unquote(text.substring(dot + 1));
    }

    private static String unquote(String identifier) {
        return identifier.length() >= 2 && identifier.startsWith("\"") && identifier.endsWith("\"")
                ? identifier.substring(1, identifier.length() - 1).replace("\"\"", "\"") : identifier;
    }

    /** A parent of {@code table} (through a single-column FK) that has the tenant column, to backfill from. */
    private static Optional<String> backfillFromParent(MigrationContext context, TableState table, String column) {
        String t = ReleaseColumns.table(table);
        String c = Sql.ident(column);
        for (TableState.ConstraintState constraint : table.constraints()) {
            Matcher fk = FOREIGN_KEY.matcher(constraint.definition());
            if (!constraint.type().equals("f") || !fk.find()) {
                continue;
            }
            String referenced = unquoteQualified(fk.group(2));
            for (TableState parent : context.step().tablesBefore().values()) {
                boolean named = referenced.contains(".") ? parent.qualifiedName().equals(referenced)
                        : parent.name().equals(referenced);
                if (named && parent.oid() != table.oid() && parent.column(column).isPresent()) {
                    return Optional.of("UPDATE " + t + " AS child SET " + c + " = parent." + c + " FROM "
                            + ReleaseColumns.table(parent) + " AS parent WHERE parent." + Sql.ident(unquote(fk.group(3).trim()))
                            + " = child." + Sql.ident(unquote(fk.group(1).trim())) + " AND child." + c + " IS NULL;");
                }
            }
        }
        return Optional.empty();
    }

    private Finding finding(MigrationContext context, StatementEffect effect, TableState table, String column,
                            String type, String what, boolean added) {
        String t = ReleaseColumns.table(table);
        String c = Sql.ident(column);
        String backfill = backfillFromParent(context, table, column).orElse("UPDATE " + t + " AS child SET " + c
                + " = parent." + c + " FROM <parent table> AS parent WHERE parent.<key> = child.<parent key> AND child."
                + c + " IS NULL;");
        String fix = (added ? "-- add " + column + " without a default: no row is given a tenant it does not belong to\n"
                + "ALTER TABLE " + t + " ADD COLUMN " + c + " " + type + ";\n" : "")
                + "-- give every existing row its real tenant, through the row it belongs to\n"
                + backfill + "\n"
                + "-- verify: must return 0 before " + column + " becomes NOT NULL (rows without an owner need a decision)\n"
                + "SELECT count(*) FROM " + t + " WHERE " + c + " IS NULL;\n"
                + "-- next release, once the code writes " + column + ":\n"
                + ReleaseColumns.notNullWithoutScan(table, column);
        String rollback = "ALTER TABLE " + t + " ALTER COLUMN " + c + " DROP NOT NULL;"
                + (added ? "\nALTER TABLE " + t + " DROP COLUMN " + c + ";"
                        : "\n-- the backfilled values are the rows' real tenants: keep them");
        return context.finding(this)
                .table(table.qualifiedName())
                .column(column)
                .at(context.at(effect))
                .message(context.step().file() + " " + what + ": every existing row is assigned to that one tenant, "
                        + "whoever really owns it, and that tenant then sees the other tenants' rows")
                .fix(fix, rollback)
                .build();
    }
}
