package dev.dbguard.core.postgres;

import dev.dbguard.core.api.GuardConfig;
import dev.dbguard.core.api.RunListener;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Gives a run its throwaway database. The run closes what it was given. */
@FunctionalInterface
public interface DatabaseProvisioner {

    ThrowawayPostgres provision(GuardConfig config, RunListener listener);

    /** The default: a fresh embedded PostgreSQL of {@code config.postgresVersion()}. */
    static DatabaseProvisioner embedded() {
        return new DatabaseProvisioner() {
            @Override
            public ThrowawayPostgres provision(GuardConfig config, RunListener listener) {
                return new EmbeddedPostgresProvider().start(config.postgresVersion(), config.postgresBinaries(),
                        listener);
            }

            @Override
            public Optional<ThrowawayPostgres> restore(GuardConfig config, DataSeed seed, RunListener listener) {
                return Optional.of(new EmbeddedPostgresProvider().start(config.postgresVersion(),
                        config.postgresBinaries(), listener, seed));
            }
        };
    }

    /**
     * A server started on a copy of a kept data directory ({@link ThrowawayPostgres#closeKeepingData}), which holds
     * db-guard's database as it was kept; empty when this provisioner's servers are not db-guard's own to start.
     *
     * @throws java.io.UncheckedIOException when the seed cannot be copied whole
     * @throws dev.dbguard.core.api.DbGuardException when the server does not start on it
     */
    default Optional<ThrowawayPostgres> restore(GuardConfig config, DataSeed seed, RunListener listener) {
        return Optional.empty();
    }

    /**
     * A PostgreSQL container (Testcontainers) of {@code image}, or of the official image of
     * {@code config.postgresVersion()} when {@code image} is null.
     */
    static DatabaseProvisioner docker(String image) {
        return (config, listener) -> new DockerPostgresProvider().start(
                image == null ? DockerPostgresProvider.defaultImage(config.postgresVersion()) : image, listener);
    }

    /**
     * A scratch database with a unique name on an existing server, dropped afterwards; {@code url} names the
     * server's maintenance database, used for nothing but creating and dropping it.
     */
    static DatabaseProvisioner jdbc(String url, String username, String password) {
        JdbcDatabaseProvider provider = new JdbcDatabaseProvider(url, username, password);
        return (config, listener) -> provider.create(listener);
    }

    /**
     * This provisioner, then {@code scripts} run on the new database before the migrations (closing the
     * database when one fails). Missing files fail here, before anything starts.
     */
    default DatabaseProvisioner withInitScripts(List<Path> scripts) {
        List<Path> copy = List.copyOf(scripts);
        InitScripts.requireReadable(copy);
        if (copy.isEmpty()) {
            return this;
        }
        DatabaseProvisioner provisioner = this;
        return new DatabaseProvisioner() {
            @Override
            public ThrowawayPostgres provision(GuardConfig config, RunListener listener) {
                ThrowawayPostgres database = provisioner.provision(config, listener);
                try {
                    InitScripts.run(database, copy, listener);
                    return new InitScripts.Initialised(database, copy, listener);
                } catch (RuntimeException e) {
                    database.close();
                    throw e;
                }
            }

            /** The kept data directory holds what the init scripts made: they run only on new siblings. */
            @Override
            public Optional<ThrowawayPostgres> restore(GuardConfig config, DataSeed seed, RunListener listener) {
                return provisioner.restore(config, seed, listener)
                        .map(database -> new InitScripts.Initialised(database, copy, listener));
            }
        };
    }
}
