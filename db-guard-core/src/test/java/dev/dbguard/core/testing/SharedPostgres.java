package dev.dbguard.core.testing;

import dev.dbguard.core.api.RunListener;
import dev.dbguard.core.postgres.DatabaseProvisioner;
import dev.dbguard.core.postgres.EmbeddedPostgresProvider;
import dev.dbguard.core.postgres.JdbcDatabaseProvider;
import dev.dbguard.core.postgres.ThrowawayPostgres;

/**
 * One real embedded PostgreSQL for the whole test JVM; each run gets a scratch database of its own (dropped
 * afterwards, with the roles its migrations created). Runs are serialised because roles are cluster-wide.
 */
public final class SharedPostgres {

    private static ThrowawayPostgres server;

    private SharedPostgres() {
    }

    public static synchronized ThrowawayPostgres server() {
        if (server == null) {
            server = new EmbeddedPostgresProvider().start("17", null, RunListener.SILENT);
            // stopped by the provider's shutdown hook when the test JVM ends
        }
        return server;
    }

    /** A provisioner handing out scratch databases on the shared server. */
    public static DatabaseProvisioner scratchDatabases() {
        return (config, listener) -> {
            ThrowawayPostgres shared = server();
            return new JdbcDatabaseProvider(shared.jdbcUrl(), shared.adminUser(), null).create();
        };
    }
}
