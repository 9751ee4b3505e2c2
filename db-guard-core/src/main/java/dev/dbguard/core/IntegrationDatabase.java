package dev.dbguard.core;

import dev.dbguard.core.api.DbGuardException;
import dev.dbguard.core.api.GuardConfig;
import dev.dbguard.core.api.RunListener;
import dev.dbguard.core.journal.DdlJournal;
import dev.dbguard.core.postgres.ConnectionInfo;
import dev.dbguard.core.postgres.DatabaseProvisioner;
import dev.dbguard.core.postgres.ThrowawayPostgres;
import dev.dbguard.core.report.AnalysisResult;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The full analysis of {@link DbGuard#run}, with the migrated database left running afterwards for a
 * project's integration tests (the {@code start} goal); {@link #close()} stops it (the {@code stop} goal).
 *
 * <p>What the tests get is the database the migrations ran in, as the migrations left it: db-guard's DDL
 * journal (its schema and event triggers) is removed before it is handed out; the isolation probe writes its
 * synthetic rows only inside transactions it rolls back, and the data rehearsal runs in a database of its own,
 * so no row db-guard made is left. When the run fails (a rejected migration, a server that does not start)
 * the database is stopped before the failure is thrown.
 */
public final class IntegrationDatabase implements AutoCloseable {

    private final AnalysisResult result;
    private final ThrowawayPostgres database;

    private IntegrationDatabase(AnalysisResult result, ThrowawayPostgres database) {
        this.result = result;
        this.database = database;
    }

    /** Runs the analysis with {@code provisioner} and keeps the database it migrated. */
    public static IntegrationDatabase start(DatabaseProvisioner provisioner, GuardConfig config,
                                            RunListener listener) {
        AtomicReference<ThrowawayPostgres> kept = new AtomicReference<>();
        // the first database the run provisions is the one the migrations run in; any later one (a database of
        // its own for another step) is closed by the run as usual
        DatabaseProvisioner keeping = (c, l) -> {
            ThrowawayPostgres database = provisioner.provision(c, l);
            return kept.compareAndSet(null, database) ? new KeptOpen(database) : database;
        };
        try {
            AnalysisResult result = new DbGuard(keeping).run(config, listener);
            ThrowawayPostgres database = kept.get();
            removeJournal(database);
            return new IntegrationDatabase(result, database);
        } catch (RuntimeException e) {
            ThrowawayPostgres database = kept.get();
            if (database != null) {
                try {
                    database.close();
                } catch (RuntimeException closing) {
                    e.addSuppressed(closing);
                }
            }
            throw e;
        }
    }

    private static void removeJournal(ThrowawayPostgres database) {
        try (Connection admin = database.connectAsAdmin()) {
            DdlJournal.uninstall(admin);
        } catch (SQLException e) {
            throw new DbGuardException("cannot remove db-guard's DDL journal from the database kept for the "
                    + "integration tests: " + e.getMessage());
        }
    }

    /** The findings, as {@link DbGuard#run} returns them. */
    public AnalysisResult result() {
        return result;
    }

    /** How the integration tests connect: URL, host, port, database, admin user and password. */
    public ConnectionInfo connection() {
        return database.connectionInfo();
    }

    /** The running database itself. */
    public ThrowawayPostgres database() {
        return database;
    }

    /** Stops the server, or drops the scratch database; harmless twice. */
    @Override
    public void close() {
        database.close();
    }

    /** The database as {@link DbGuard#run} sees it: its close at the end of the run leaves it running. */
    private static final class KeptOpen extends dev.dbguard.core.postgres.ForwardingPostgres {
        KeptOpen(ThrowawayPostgres database) {
            super(database);
        }

        @Override
        public void close() {
            // kept for the integration tests; IntegrationDatabase#close stops it
        }
    }
}
