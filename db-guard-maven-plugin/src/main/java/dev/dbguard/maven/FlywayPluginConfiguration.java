package dev.dbguard.maven;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.maven.model.Plugin;
import org.apache.maven.model.PluginExecution;
import org.apache.maven.project.MavenProject;
import org.codehaus.plexus.util.xml.Xpp3Dom;

/**
 * The settings a project already gives flyway-maven-plugin ({@code org.flywaydb}), so db-guard users do not repeat
 * them: {@code locations}, {@code placeholders}, {@code schemas}, {@code placeholderPrefix},
 * {@code placeholderSuffix}, {@code sqlMigrationPrefix} and {@code baselineVersion}, and every other plain
 * Flyway setting ({@code mixed}, {@code table}, {@code outOfOrder}, ...) as a {@code flyway.<name>} property, except
 * the connection ({@code url}, {@code user}, {@code password}, ...): db-guard applies only to the database it
 * created. From the plugin's own configuration, then its executions'. Values are as Maven interpolated them.
 *
 * @param found whether the project's build declares flyway-maven-plugin at all
 */
record FlywayPluginConfiguration(boolean found, List<String> locations, Map<String, String> placeholders,
                                 List<String> schemas, String placeholderPrefix, String placeholderSuffix,
                                 String sqlMigrationPrefix, String baselineVersion, Map<String, String> others) {

    /**
     * Settings never taken over: where and how to connect (db-guard applies only to the database it created, and
     * never reads a password), what db-guard sets itself, and settings that are not Flyway's own configuration.
     */
    private static final java.util.Set<String> NOT_TAKEN = java.util.Set.of("url", "user", "password", "driver",
            "jdbcProperties", "connectRetries", "connectRetriesInterval", "initSql", "cleanDisabled", "cleanOnValidationError",
            "skip", "configFiles", "configFileEncoding", "workingDirectory", "serverId", "locations", "schemas",
            "placeholders", "placeholderPrefix", "placeholderSuffix", "sqlMigrationPrefix", "baselineVersion",
            "callbacks", "resolvers", "javaMigrations", "kerberosConfigFile", "licenseKey", "environment",
            "environments", "loggers", "plugins", "oracleSqlplus", "dryRunOutput", "outputQueryResults");

    static final String GROUP_ID = "org.flywaydb";
    static final String ARTIFACT_ID = "flyway-maven-plugin";

    /** No flyway-maven-plugin, or a format that does not use it. */
    static final FlywayPluginConfiguration NONE =
            new FlywayPluginConfiguration(false, List.of(), Map.of(), List.of(), null, null, null, null, Map.of());

    static FlywayPluginConfiguration of(MavenProject project) {
        Plugin plugin = project.getBuild() == null ? null : project.getBuild().getPluginsAsMap().get(GROUP_ID + ":" + ARTIFACT_ID);
        if (plugin == null) {
            return NONE;
        }
        List<Xpp3Dom> configurations = new ArrayList<>();
        if (plugin.getConfiguration() instanceof Xpp3Dom dom) {
            configurations.add(dom);
        }
        for (PluginExecution execution : plugin.getExecutions()) {
            if (execution.getConfiguration() instanceof Xpp3Dom dom) {
                configurations.add(dom);
            }
        }
        Path basedir = project.getBasedir().toPath();
        List<String> locations = new ArrayList<>();
        Map<String, String> placeholders = new LinkedHashMap<>();
        List<String> schemas = new ArrayList<>();
        String prefix = null;
        String suffix = null;
        String sqlPrefix = null;
        String baseline = null;
        Map<String, String> others = new LinkedHashMap<>();
        for (Xpp3Dom configuration : configurations) {
            for (Xpp3Dom child : configuration.getChildren()) {
                if (child.getChildCount() == 0 && child.getValue() != null && !child.getValue().isBlank()
                        && !NOT_TAKEN.contains(child.getName())) {
                    others.putIfAbsent("flyway." + child.getName(), child.getValue().trim());
                }
            }
            if (locations.isEmpty()) {
                for (String location : values(configuration, "locations")) {
                    locations.add(absolute(location, basedir));
                }
            }
            Xpp3Dom placeholderDom = configuration.getChild("placeholders");
            if (placeholderDom != null) {
                for (Xpp3Dom entry : placeholderDom.getChildren()) {
                    placeholders.putIfAbsent(entry.getName(), entry.getValue() == null ? "" : entry.getValue().trim());
                }
            }
            if (schemas.isEmpty()) {
                schemas.addAll(values(configuration, "schemas"));
            }
            prefix = prefix != null ? prefix : value(configuration, "placeholderPrefix");
            suffix = suffix != null ? suffix : value(configuration, "placeholderSuffix");
            sqlPrefix = sqlPrefix != null ? sqlPrefix : value(configuration, "sqlMigrationPrefix");
            baseline = baseline != null ? baseline : value(configuration, "baselineVersion");
        }
        return new FlywayPluginConfiguration(true, List.copyOf(locations), Map.copyOf(placeholders), List.copyOf(schemas),
                prefix, suffix, sqlPrefix, baseline, Map.copyOf(others));
    }

    /** A list parameter: {@code <locations><location>a</location></locations>} or {@code <locations>a,b</locations>}. */
    private static List<String> values(Xpp3Dom configuration, String name) {
        Xpp3Dom list = configuration.getChild(name);
        List<String> values = new ArrayList<>();
        if (list == null) {
            return values;
        }
        if (list.getChildCount() > 0) {
            for (Xpp3Dom item : list.getChildren()) {
                if (item.getValue() != null && !item.getValue().isBlank()) {
                    values.add(item.getValue().trim());
                }
            }
        } else if (list.getValue() != null) {
            for (String part : list.getValue().split(",")) {
                if (!part.isBlank()) {
                    values.add(part.trim());
                }
            }
        }
        return values;
    }

    private static String value(Xpp3Dom configuration, String name) {
        Xpp3Dom child = configuration.getChild(name);
        return child == null || child.getValue() == null || child.getValue().isBlank() ? null : child.getValue().trim();
    }

    /**
     * A Flyway location with relative {@code filesystem:} paths resolved against the project, as flyway-maven-plugin
     * does; a location without a prefix is a {@code classpath:} location in Flyway.
     */
    static String absolute(String location, Path basedir) {
        if (location.startsWith("filesystem:")) {
            Path path = Path.of(location.substring("filesystem:".length()));
            return "filesystem:" + (path.isAbsolute() ? path : basedir.resolve(path)).normalize();
        }
        return location;
    }
}
