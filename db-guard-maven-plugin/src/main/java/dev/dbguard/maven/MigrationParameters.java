package dev.dbguard.maven;

import dev.dbguard.core.api.DbGuardException;
import dev.dbguard.core.api.MigrationFormat;
import dev.dbguard.core.api.MigrationSettings;
import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.maven.artifact.DependencyResolutionRequiredException;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.project.MavenProject;

/**
 * Maps the format parameters onto {@link MigrationSettings}: db-guard's own values first, then what the project's
 * flyway-maven-plugin configuration says, then the tools' defaults. Finds the Liquibase master changelog at its
 * usual place, and gives the tools the project's test class path ({@code classpath:} locations, Java migrations,
 * changelogs on the class path).
 */
final class MigrationParameters {

    /** Where Spring Boot and the Liquibase docs put the master changelog. */
    static final String USUAL_CHANGELOG = "src/main/resources/db/changelog/db.changelog-master.";
    private static final List<String> CHANGELOG_EXTENSIONS = List.of("xml", "yaml", "yml", "sql");

    private MigrationParameters() {
    }

    record Values(String format, List<String> locations, Map<String, String> placeholders, String placeholderPrefix,
                  String placeholderSuffix, String sqlMigrationPrefix, String baselineVersion, File changeLogFile,
                  String contexts, String labels, String defaultSchemaName) {
    }

    /** The settings, and the schemas to judge when {@code schemas} is not set (Flyway's or Liquibase's), or null. */
    record Result(MigrationSettings settings, List<String> toolSchemas) {
    }

    static Result resolve(Values v, MavenProject project) throws MojoExecutionException {
        MigrationFormat format = InvalidParameters.check(() -> MigrationFormat.parse(v.format()));
        Path basedir = project.getBasedir().toPath();
        FlywayPluginConfiguration flyway = format == MigrationFormat.LIQUIBASE || format == MigrationFormat.PLAIN
                ? FlywayPluginConfiguration.NONE : FlywayPluginConfiguration.of(project);
        List<String> locations = new ArrayList<>();
        for (String location : nonNull(v.locations())) {
            if (location != null && !location.isBlank()) {
                locations.add(FlywayPluginConfiguration.absolute(location.trim(), basedir));
            }
        }
        if (locations.isEmpty()) {
            locations.addAll(flyway.locations());
        }
        Map<String, String> placeholders = new LinkedHashMap<>(flyway.placeholders());
        if (v.placeholders() != null) {
            v.placeholders().forEach((k, value) -> placeholders.put(k, value == null ? "" : value));
        }
        Path changeLog = null;
        if (v.changeLogFile() != null) {
            changeLog = v.changeLogFile().toPath();
            if (!changeLog.isAbsolute()) {
                changeLog = basedir.resolve(changeLog);
            }
        } else if (format == MigrationFormat.AUTO || format == MigrationFormat.LIQUIBASE) {
            for (String extension : CHANGELOG_EXTENSIONS) {
                Path usual = basedir.resolve(USUAL_CHANGELOG + extension);
                if (Files.isRegularFile(usual)) {
                    changeLog = usual;
                    break;
                }
            }
        }
        if (format == MigrationFormat.LIQUIBASE && changeLog == null) {
            throw new MojoExecutionException("format liquibase needs a changelog: set changeLogFile"
                    + " (dbguard.changeLogFile), or put it at " + USUAL_CHANGELOG + "xml (or .yaml, .yml, .sql)");
        }
        if (format == MigrationFormat.AUTO && changeLog != null && flyway.found() && v.changeLogFile() == null) {
            changeLog = null; // the project says Flyway; a changelog lying around does not override that
        }
        MigrationSettings settings = new MigrationSettings(
                flyway.found() && format == MigrationFormat.AUTO && changeLog == null ? MigrationFormat.FLYWAY : format,
                locations, flyway.schemas(), placeholders,
                first(v.placeholderPrefix(), flyway.placeholderPrefix()),
                first(v.placeholderSuffix(), flyway.placeholderSuffix()),
                first(v.sqlMigrationPrefix(), flyway.sqlMigrationPrefix()),
                first(v.baselineVersion(), flyway.baselineVersion()),
                changeLog, blank(v.contexts()), blank(v.labels()), blank(v.defaultSchemaName()),
                projectClassLoader(project), flyway.others());
        List<String> toolSchemas = null;
        if (settings.defaultSchemaName() != null && changeLog != null) {
            toolSchemas = List.of(settings.defaultSchemaName());
        } else if (!flyway.schemas().isEmpty()) {
            toolSchemas = flyway.schemas();
        }
        return new Result(settings, toolSchemas);
    }

    /** The project's test class path (its classes, resources and dependencies) over the plugin's own classes. */
    private static ClassLoader projectClassLoader(MavenProject project) throws MojoExecutionException {
        List<URL> urls = new ArrayList<>();
        try {
            for (String element : project.getTestClasspathElements()) {
                urls.add(new File(element).toURI().toURL());
            }
        } catch (DependencyResolutionRequiredException | MalformedURLException e) {
            throw new MojoExecutionException("Cannot read the project's class path for Java migrations and"
                    + " classpath: locations: " + e.getMessage());
        }
        return new URLClassLoader(urls.toArray(URL[]::new), MigrationParameters.class.getClassLoader());
    }

    private static String first(String own, String flyway) {
        String value = blank(own);
        return value != null ? value : flyway;
    }

    private static String blank(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static <T> List<T> nonNull(List<T> values) {
        return values == null ? List.of() : values;
    }
}
