package dev.dbguard.core.api;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How the migrations are applied, beyond their folders: the format and the settings of the tool that applies
 * them, with the tools' own names.
 *
 * @param format            {@code auto}, {@code flyway}, {@code liquibase} or {@code plain}
 * @param locations         Flyway locations in Flyway's syntax ({@code classpath:db/migration},
 *                          {@code filesystem:sql}); empty: the {@code migrations} folders as {@code filesystem:} locations
 * @param flywaySchemas     Flyway's {@code schemas} (the first is its default schema); empty: Flyway's default
 * @param placeholders      Flyway placeholders, {@code ${name}} replaced by the value
 * @param placeholderPrefix Flyway placeholder prefix, null for Flyway's {@code ${}
 * @param placeholderSuffix Flyway placeholder suffix, null for Flyway's {@code }}
 * @param sqlMigrationPrefix Flyway versioned SQL migration prefix, null for Flyway's {@code V}
 * @param baselineVersion   Flyway baseline version, null for Flyway's default
 * @param changeLogFile     the Liquibase changelog, or null
 * @param contexts          Liquibase contexts expression, or null
 * @param labels            Liquibase labels expression, or null
 * @param defaultSchemaName Liquibase default schema, or null
 * @param classLoader       the project's classes and resources ({@code classpath:} locations, Java migrations),
 *                          or null for db-guard's own
 * @param flywayConfiguration further Flyway settings by Flyway's property name ({@code flyway.mixed},
 *                          {@code flyway.table}), as a project's flyway-maven-plugin block gives them
 */
public record MigrationSettings(
        MigrationFormat format,
        List<String> locations,
        List<String> flywaySchemas,
        Map<String, String> placeholders,
        String placeholderPrefix,
        String placeholderSuffix,
        String sqlMigrationPrefix,
        String baselineVersion,
        Path changeLogFile,
        String contexts,
        String labels,
        String defaultSchemaName,
        ClassLoader classLoader,
        Map<String, String> flywayConfiguration) {

    /** Format {@code auto}, every tool setting at its tool's default. */
    public static final MigrationSettings DEFAULTS = new MigrationSettings(MigrationFormat.AUTO, List.of(), List.of(),
            Map.of(), null, null, null, null, null, null, null, null, null, Map.of());

    public MigrationSettings {
        Objects.requireNonNull(format, "format");
        locations = List.copyOf(locations);
        flywaySchemas = List.copyOf(flywaySchemas);
        placeholders = Map.copyOf(placeholders);
        flywayConfiguration = Map.copyOf(flywayConfiguration);
    }

    /** These settings with another format. */
    public MigrationSettings withFormat(MigrationFormat value) {
        return new MigrationSettings(value, locations, flywaySchemas, placeholders, placeholderPrefix,
                placeholderSuffix, sqlMigrationPrefix, baselineVersion, changeLogFile, contexts, labels,
                defaultSchemaName, classLoader, flywayConfiguration);
    }

    /**
     * Every setting as text, the class loader as the class path it reads (not its identity): equal settings give
     * equal text in every goal, which the stored analysis's fingerprint relies on.
     */
    @Override
    public String toString() {
        String classPath = classLoader instanceof java.net.URLClassLoader urls
                ? java.util.Arrays.toString(urls.getURLs()) : String.valueOf(classLoader == null ? null : "custom");
        return "MigrationSettings[format=" + format + ", locations=" + locations + ", flywaySchemas=" + flywaySchemas
                + ", placeholders=" + new java.util.TreeMap<>(placeholders) + ", placeholderPrefix=" + placeholderPrefix
                + ", placeholderSuffix=" + placeholderSuffix + ", sqlMigrationPrefix=" + sqlMigrationPrefix
                + ", baselineVersion=" + baselineVersion + ", changeLogFile=" + changeLogFile + ", contexts=" + contexts
                + ", labels=" + labels + ", defaultSchemaName=" + defaultSchemaName + ", classPath=" + classPath
                + ", flywayConfiguration=" + new java.util.TreeMap<>(flywayConfiguration) + "]";
    }

    /** The class loader that sees the project's classes, or db-guard's own. */
    public ClassLoader effectiveClassLoader() {
        return classLoader != null ? classLoader : MigrationSettings.class.getClassLoader();
    }
}
