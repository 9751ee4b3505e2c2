package dev.dbguard.core.postgres;

import dev.dbguard.core.api.GuardConfig;
import dev.dbguard.core.api.RunListener;
import java.nio.file.Path;
import java.util.List;

/** Gives a run its throwaway database. The run closes what it was given. */
@FunctionalInterface
public interface DatabaseProvisioner {

    ThrowawayPostgres provision(GuardConfig config, RunListener listener);

    /** The default: a fresh embedded PostgreSQL of {@code config.postgresVersion()}. */
    static DatabaseProvisioner embedded() {
        return (config, listener) -> new EmbeddedPostgresProvider()
                .start(config.postgresVersion(), config.postgresBinaries(), listener);
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
        return (config, listener) -> {
            ThrowawayPostgres database = provisioner.provision(config, listener);
            try {
                InitScripts.run(database, copy, listener);
                return new InitScripts.Initialised(database, copy, listener);
            } catch (RuntimeException e) {
                database.close();
                throw e;
            }
        };
    }
}
