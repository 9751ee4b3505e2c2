package dev.dbguard.core.rules;

import dev.dbguard.core.api.GuardConfig;
import dev.dbguard.core.history.MigrationStep;
import dev.dbguard.core.history.SchemaHistory;
import dev.dbguard.core.history.StatementEffect;
import dev.dbguard.core.journal.TableState;
import dev.dbguard.core.rehearsal.RehearsalOutcome;
import dev.dbguard.core.api.SourceRef;
import dev.dbguard.core.role.RoleEvent;
import java.util.List;
import java.util.Optional;

/**
 * What a {@link MigrationRule} sees: the migration's statements with their effects, the tables as they stood
 * before it (the existing tables), and the release it belongs to.
 *
 * @param release the steps of the same release up to and including this one, in order
 * @param history all migrations, and which functions are volatile ({@link SchemaHistory#isVolatile})
 * @param rehearsal what the data rehearsal saw at this migration, when it ran
 * @param asMigrationRole with {@code migrationRole}: the statements of this migration that did not do as that role
 *                        what they do as a superuser, in the main run
 */
public record MigrationContext(MigrationStep step, List<MigrationStep> release, SchemaHistory history,
                               GuardConfig config, Optional<RehearsalOutcome.Step> rehearsal,
                               List<RoleEvent> asMigrationRole) {

    public MigrationContext {
        asMigrationRole = List.copyOf(asMigrationRole);
    }

    /** Without a migration role. */
    public MigrationContext(MigrationStep step, List<MigrationStep> release, SchemaHistory history, GuardConfig config,
                            Optional<RehearsalOutcome.Step> rehearsal) {
        this(step, release, history, config, rehearsal, List.of());
    }

    /** Without a data rehearsal: the rehearsal rules see nothing. */
    public MigrationContext(MigrationStep step, List<MigrationStep> release, SchemaHistory history, GuardConfig config) {
        this(step, release, history, config, Optional.empty());
    }

    public FindingBuilder finding(Rule rule) {
        return new FindingBuilder(rule);
    }

    /** The statement of this migration with that index (0-based, in the order applied), if any. */
    public Optional<StatementEffect> statement(int index) {
        return step.statements().stream().filter(e -> e.statement().index() == index).findFirst();
    }

    public SourceRef at(StatementEffect effect) {
        return new SourceRef(step.file(), effect.statement().line());
    }

    /** The migration as a whole: its first statement, or no place when it has none. */
    public SourceRef atMigration() {
        return step.statements().isEmpty() ? null : at(step.statements().get(0));
    }

    /** The table a data statement names, among those that existed before the migration (unqualified: any schema). */
    public Optional<TableState> existingTable(String writtenName) {
        for (TableState table : step.tablesBefore().values()) {
            if (writtenName.contains(".") ? table.qualifiedName().equals(writtenName) : table.name().equals(writtenName)) {
                return Optional.of(table);
            }
        }
        return Optional.empty();
    }

    /**
     * A table that existed before the migration, as it stood just before {@code effect} ran: columns added earlier
     * in the migration included, so {@code ADD COLUMN c; UPDATE t SET c = ...} is judged on the new column.
     */
    public Optional<TableState> existingTableAt(String writtenName, StatementEffect effect) {
        return existingTable(writtenName).map(existing -> {
            TableState state = existing;
            for (StatementEffect earlier : step.statements()) {
                if (earlier == effect) {
                    break;
                }
                for (dev.dbguard.core.history.TableChange change : earlier.changes()) {
                    if (change.oid() == existing.oid()) {
                        state = change.after();
                    }
                }
            }
            return state;
        });
    }

    /** A column a statement of this migration added to a table that existed before the migration began. */
    public record AddedColumn(StatementEffect effect, dev.dbguard.core.history.TableChange change,
                              TableState.ColumnState column) {
    }

    /** Every column this migration added to an existing table; tables of this migration have no rows, no readers. */
    public List<AddedColumn> columnsAddedToExistingTables() {
        List<AddedColumn> added = new java.util.ArrayList<>();
        for (StatementEffect effect : step.statements()) {
            for (dev.dbguard.core.history.TableChange change : effect.changes()) {
                if (change.existedBeforeMigration()) {
                    for (TableState.ColumnState column : change.addedColumns()) {
                        added.add(new AddedColumn(effect, change, column));
                    }
                }
            }
        }
        return added;
    }

    public boolean isTenantColumn(String column) {
        return config.tenantColumns().contains(column);
    }
}
