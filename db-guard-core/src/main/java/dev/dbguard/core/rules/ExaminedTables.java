package dev.dbguard.core.rules;

import dev.dbguard.core.catalog.Table;
import dev.dbguard.core.history.MigrationStep;
import dev.dbguard.core.history.SchemaHistory;
import dev.dbguard.core.history.StatementEffect;
import dev.dbguard.core.history.TableChange;
import dev.dbguard.core.journal.TableState;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Which tables each enabled rule examined, for reports that list what passed as well as what failed (the JUnit
 * report's one test case per rule and table). Rules switched off, or given nothing to judge by the configuration
 * ({@link Rule#appliesTo}), examine nothing. The model is deliberately simple and honest:
 * <ul>
 *   <li>a schema rule examines every table of the final schema that is not global (the tenants table, the
 *       migration tool's history table, {@code globalTables}): each such table is looked at, even when the rule
 *       then finds it is not a tenant table;</li>
 *   <li>a migration rule examines every table that existed before a judged migration and that the migration
 *       touched: changed by its DDL, dropped (or a column of it dropped), or named by its UPDATE, DELETE or
 *       TRUNCATE. Tables created by the migration are exempt from these rules, so they are not examined.</li>
 * </ul>
 */
public final class ExaminedTables {

    private ExaminedTables() {
    }

    public static SortedMap<String, SortedSet<String>> of(SchemaContext schema, SchemaHistory history,
                                                          RuleSettings settings) {
        SortedSet<String> finalTables = new TreeSet<>();
        for (Table table : schema.snapshot().tables()) {
            if (!schema.tenancy().isGlobal(table.name())) {
                finalTables.add(table.name().toString());
            }
        }
        SortedSet<String> touched = new TreeSet<>();
        for (MigrationStep step : history.steps()) {
            if (!step.inProduction()) {
                touched.addAll(touchedExistingTables(step, history, schema));
            }
        }
        SortedMap<String, SortedSet<String>> examined = new TreeMap<>();
        for (Rule rule : BuiltInRules.all()) {
            if (!settings.enabled(rule) || !rule.appliesTo(schema.config())) {
                continue;
            }
            examined.put(rule.id(), new TreeSet<>(rule instanceof SchemaRule ? finalTables : touched));
        }
        return examined;
    }

    /** Tables that existed when {@code step} began and that one of its statements changed, dropped or wrote. */
    static SortedSet<String> touchedExistingTables(MigrationStep step, SchemaHistory history, SchemaContext schema) {
        SortedSet<String> tables = new TreeSet<>();
        MigrationContext context = new MigrationContext(step, history.releaseUpTo(step), history, schema.config());
        for (StatementEffect effect : step.statements()) {
            for (TableChange change : effect.changes()) {
                if (change.existedBeforeMigration()) {
                    tables.add(change.table());
                }
            }
            for (StatementEffect.Dropped dropped : effect.dropped()) {
                if (dropped.ofExistingTable()) {
                    TableState table = step.tablesBefore().get(dropped.object().objid());
                    if (table != null) {
                        tables.add(table.qualifiedName());
                    }
                }
            }
            effect.data().ifPresent(data -> {
                for (String written : data.tables()) {
                    context.existingTable(written).ifPresent(table -> tables.add(table.qualifiedName()));
                }
            });
        }
        return tables;
    }
}
