package dev.dbguard.core.postgres;

import dev.dbguard.core.GuardConfig;
import dev.dbguard.core.RunListener;

/** Gives a run its throwaway database. The run closes what it was given. */
@FunctionalInterface
public interface DatabaseProvisioner {

    ThrowawayPostgres provision(GuardConfig config, RunListener listener);

    /** The default: a fresh embedded PostgreSQL of {@code config.postgresVersion()}. */
    static DatabaseProvisioner embedded() {
        return (config, listener) -> new EmbeddedPostgresProvider()
                .start(config.postgresVersion(), config.postgresBinaries(), listener);
    }
}
