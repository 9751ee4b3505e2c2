package dev.dbguard.core;

import dev.dbguard.core.api.AppliedMigration;
import dev.dbguard.core.api.DbGuardException;
import dev.dbguard.core.api.GuardConfig;
import dev.dbguard.core.api.RunListener;
import dev.dbguard.core.catalog.CatalogReader;
import dev.dbguard.core.catalog.CatalogSnapshot;
import dev.dbguard.core.format.MigrationSource;
import dev.dbguard.core.history.MigrationStep;
import dev.dbguard.core.history.Releases;
import dev.dbguard.core.history.SchemaHistory;
import dev.dbguard.core.journal.AppliedScript;
import dev.dbguard.core.journal.DdlJournal;
import dev.dbguard.core.journal.JournalEntry;
import dev.dbguard.core.journal.TableState;
import dev.dbguard.core.postgres.ThrowawayPostgres;
import dev.dbguard.core.role.MigrationRole;
import dev.dbguard.core.role.RoleEvent;
import dev.dbguard.core.role.RoleSession;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The main pass: every migration applied by its format's source with the DDL journal installed (as
 * {@code migrationRole} when one is set), then the final catalogue, the journal and the schema history read.
 *
 * @param migrations     the migrations as applied, for the report
 * @param snapshot       the catalogue after the last migration
 * @param journal        which statement ran which DDL
 * @param history        each migration with what its statements did, by release
 * @param scripts        each applied unit with its statements and lines
 * @param texts          the text those lines refer to
 * @param role           the migration role, null without one
 * @param asMigrationRole what happened while the migrations ran as that role
 */
record MigrationPass(List<AppliedMigration> migrations, CatalogSnapshot snapshot, List<JournalEntry> journal,
                     SchemaHistory history, List<AppliedScript> scripts, List<String> texts,
                     MigrationRole role, List<RoleEvent> asMigrationRole) {

    /**
     * @param kept the state the database was restored from (it holds the first migrations and their journal), null
     *             for a database with nothing applied
     */
    static MigrationPass apply(ThrowawayPostgres database, MigrationSource source, GuardConfig config,
                               RunListener listener, PrefixState kept) {
        try (Connection admin = database.connectAsAdmin()) {
            if (kept != null) {
                // the journal was installed, and the first migrations applied, by the run that kept the database
                MigrationSource.Applied units = source.applyAfter(database, admin, listener, kept.units());
                return read(admin, units, config, null, List.of());
            }
            // before the journal: what db-guard gives the role is not a migration's doing
            MigrationRole role = config.migrationRole() == null ? null
                    : MigrationRole.prepare(admin, config.migrationRole(), config.schemas());
            DdlJournal.install(admin);
            MigrationSource.Applied units;
            RoleSession session = null;
            if (role == null) {
                units = source.apply(database, admin, listener);
            } else {
                listener.progress("applying the migrations as " + role.name() + (role.created()
                        ? " (created LOGIN CREATEDB CREATEROLE NOSUPERUSER NOBYPASSRLS, owning the database and "
                                + String.join(", ", config.schemas()) + ")"
                        : " (as the init scripts created it)"));
                session = role.session(false);
                units = source.apply(session.applyingAs(database), session.wrap(admin, false), listener);
                try (Statement reset = admin.createStatement()) {
                    reset.execute("RESET SESSION AUTHORIZATION; RESET ROLE");
                }
            }
            return read(admin, units, config, role, session == null ? List.of() : session.events());
        } catch (SQLException e) {
            throw new DbGuardException("db-guard lost its connection to the throwaway PostgreSQL: "
                    + e.getMessage(), e);
        }
    }

    /** The final catalogue, the journal and the schema history, once every migration is applied. */
    private static MigrationPass read(Connection admin, MigrationSource.Applied units, GuardConfig config,
                                      MigrationRole role, List<RoleEvent> asMigrationRole) throws SQLException {
        List<AppliedScript> scripts = units.scripts();
        List<String> texts = units.texts();
        DdlJournal.flush(admin);
        CatalogSnapshot snapshot = CatalogReader.read(admin, config.schemas(), tenantTableOutsideSchemas(config));
        List<TableState> states = DdlJournal.readTableStates(admin);
        SchemaHistory history = SchemaHistory.build(scripts,
                Releases.assign(scripts, texts, config.releases(), config.productionVersion()),
                scripts.stream().map(s -> Releases.inProduction(s.migration(), config.productionVersion())).toList(),
                states, DdlJournal.readDropped(admin),
                DdlJournal.volatileFunctions(admin, SchemaHistory.functionsInDefaults(states)));
        return new MigrationPass(units.migrations(), snapshot, DdlJournal.read(admin), history, scripts, texts, role,
                asMigrationRole);
    }

    /** Says how much statement detail the run had: data statements parsed, the rest judged by the catalogue. */
    String parsingSummary() {
        int statements = 0;
        int data = 0;
        int unparsed = 0;
        for (MigrationStep step : history.steps()) {
            for (var effect : step.statements()) {
                statements++;
                if (effect.data().isPresent()) {
                    data++;
                    if (!effect.data().get().parsed()) {
                        unparsed++;
                    }
                }
            }
        }
        return statements + " statements: " + (statements - data) + " judged through the catalogue, "
                + data + " data statements (UPDATE/DELETE/TRUNCATE) read for detail"
                + (unparsed == 0 ? "" : ", " + unparsed + " of them not parsed by JSqlParser (read from their leading words)");
    }

    /** The tenants table when it is schema-qualified into a schema that is not judged, else null. */
    private static String tenantTableOutsideSchemas(GuardConfig config) {
        String tenants = config.tenantTable();
        int dot = tenants.indexOf('.');
        return dot > 0 && !config.schemas().contains(tenants.substring(0, dot)) ? tenants : null;
    }
}
