package dev.dbguard.core.format;

import dev.dbguard.core.api.GuardConfig;
import dev.dbguard.core.api.RunListener;
import dev.dbguard.core.api.MigrationFormat;
import dev.dbguard.core.api.MigrationSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Chooses how the migrations are applied. {@code auto}: Liquibase when a changelog is configured
 * ({@code changeLogFile}; the Maven plugin also finds {@code src/main/resources/db/changelog/db.changelog-master.*}),
 * Flyway when Flyway {@code locations} are configured or a migrations folder holds a versioned Flyway script
 * ({@code V<version>__<description>.sql}, with the configured {@code sqlMigrationPrefix}), plain SQL otherwise.
 */
public final class MigrationSources {

    private MigrationSources() {
    }

    static MigrationSource select(GuardConfig config, RunListener listener) {
        MigrationFormat format = resolve(config);
        MigrationSource source = switch (format) {
            case FLYWAY -> new FlywayMigrationSource(config);
            case LIQUIBASE -> new LiquibaseMigrationSource(config);
            default -> new PlainMigrationSource(config.migrations(), listener);
        };
        listener.progress("migrations: " + source.describe()
                + (config.migrationSettings().format() == MigrationFormat.AUTO ? " (format auto)" : ""));
        return source;
    }

    /** The format {@code auto} stands for with this configuration; any other format as configured. */
    public static MigrationFormat resolve(GuardConfig config) {
        MigrationSettings settings = config.migrationSettings();
        if (settings.format() != MigrationFormat.AUTO) {
            return settings.format();
        }
        if (settings.changeLogFile() != null) {
            return MigrationFormat.LIQUIBASE;
        }
        if (!settings.locations().isEmpty()) {
            return MigrationFormat.FLYWAY;
        }
        String prefix = settings.sqlMigrationPrefix() == null ? "V" : settings.sqlMigrationPrefix();
        Pattern versioned = Pattern.compile(Pattern.quote(prefix) + "[0-9]+(?:[._][0-9]+)*__.*\\.sql");
        for (Path folder : config.migrations()) {
            if (!Files.isDirectory(folder)) {
                continue; // the plain reader names the missing folder
            }
            try (Stream<Path> files = Files.walk(folder)) {
                if (files.anyMatch(f -> Files.isRegularFile(f) && versioned.matcher(f.getFileName().toString()).matches())) {
                    return MigrationFormat.FLYWAY;
                }
            } catch (IOException | java.io.UncheckedIOException e) {
                continue; // the plain reader reports what cannot be read
            }
        }
        return MigrationFormat.PLAIN;
    }
}
