package dev.dbguard.core.migration;

import java.nio.file.Path;

/**
 * One migration script found in a location.
 *
 * @param location    the migrations folder it was found in
 * @param path        the script itself
 * @param file        path relative to {@code location}, with '/' separators: what reports show
 * @param version     Flyway version text as written ("1.5", "1_10" is kept as "1.10"), null unless VERSIONED
 * @param description Flyway description ("add tenants"), or the file name without ".sql" for PLAIN
 * @param kind        how its name was read
 */
public record Migration(Path location, Path path, String file, String version, String description, Kind kind) {

    public enum Kind {
        /** {@code V<version>__<description>.sql} */
        VERSIONED,
        /** {@code R__<description>.sql}, applied after every versioned one */
        REPEATABLE,
        /** any other {@code .sql} file, applied in natural order */
        PLAIN
    }
}
