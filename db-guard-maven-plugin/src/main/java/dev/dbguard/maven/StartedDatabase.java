package dev.dbguard.maven;

import dev.dbguard.core.IntegrationDatabase;
import dev.dbguard.core.postgres.ConnectionInfo;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.maven.project.MavenProject;

/**
 * The database {@code start} left running for one project, kept in that project's context until {@code stop}.
 * Each module of a reactor has its own MavenProject, so parallel modules ({@code -T 2}) never see each other's
 * database. Whatever is not stopped by {@code stop} (a build that fails between the two goals) is stopped by
 * the providers' JVM shutdown hooks when Maven exits.
 */
final class StartedDatabase {

    static final String URL = "dbguard.url";
    static final String USERNAME = "dbguard.username";
    static final String PASSWORD = "dbguard.password";
    static final String PORT = "dbguard.port";

    private static final String CONTEXT_KEY = StartedDatabase.class.getName();

    private final IntegrationDatabase database;
    /** The project properties start replaced, restored by stop (null: not set before). */
    private final Map<String, String> replaced = new LinkedHashMap<>();

    private StartedDatabase(IntegrationDatabase database) {
        this.database = database;
    }

    /** Exports the connection as project properties and keeps the database in the project's context. */
    static StartedDatabase register(MavenProject project, IntegrationDatabase database) {
        StartedDatabase started = new StartedDatabase(database);
        ConnectionInfo info = database.connection();
        Properties properties = project.getProperties();
        Map<String, String> exported = new LinkedHashMap<>();
        exported.put(URL, info.url());
        exported.put(USERNAME, info.username());
        exported.put(PASSWORD, info.password() == null ? "" : info.password());
        exported.put(PORT, Integer.toString(info.port()));
        exported.forEach((key, value) -> {
            started.replaced.put(key, properties.getProperty(key));
            properties.setProperty(key, value);
        });
        project.setContextValue(CONTEXT_KEY, started);
        return started;
    }

    /** The database start left running in this project, or null. */
    static StartedDatabase of(MavenProject project) {
        Object value = project.getContextValue(CONTEXT_KEY);
        return value instanceof StartedDatabase started ? started : null;
    }

    IntegrationDatabase database() {
        return database;
    }

    /** Stops the database, forgets it and puts the project properties back as they were. */
    void stop(MavenProject project) {
        project.setContextValue(CONTEXT_KEY, null);
        Properties properties = project.getProperties();
        replaced.forEach((key, previous) -> {
            if (previous == null) {
                properties.remove(key);
            } else {
                properties.setProperty(key, previous);
            }
        });
        database.close();
    }
}
