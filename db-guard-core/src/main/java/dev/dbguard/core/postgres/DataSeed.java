package dev.dbguard.core.postgres;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A data directory to start the embedded PostgreSQL from instead of an empty one: a copy of one kept by
 * {@link ThrowawayPostgres#closeKeepingData}, holding the databases as they were when the server stopped.
 */
@FunctionalInterface
public interface DataSeed {

    /**
     * Copies the kept data directory to {@code target}, which does not exist yet.
     *
     * @throws IOException when the copy cannot be made whole (the kept files changed or went meanwhile)
     */
    void copyTo(Path target) throws IOException;
}
