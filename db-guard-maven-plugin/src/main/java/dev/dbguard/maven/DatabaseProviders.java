package dev.dbguard.maven;

import dev.dbguard.core.api.DbGuardException;
import dev.dbguard.core.postgres.DatabaseProvisioner;
import dev.dbguard.core.postgres.JdbcUrls;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.building.SettingsProblem;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;

/**
 * Turns the provider parameters ({@code provider}, {@code image}, {@code initScripts}, {@code url},
 * {@code username}, {@code password}, {@code serverId}) into the core's {@link DatabaseProvisioner}, checking
 * them before anything starts. Credentials of a {@code serverId} come from {@code settings.xml}, decrypted by
 * Maven's own {@link SettingsDecrypter} (so {@code mvn --encrypt-password} works as for deployments). No
 * message here ever holds a password.
 */
final class DatabaseProviders {

    static final String EMBEDDED = "embedded";
    static final String DOCKER = "docker";
    static final String JDBC = "jdbc";
    static final List<String> PROVIDERS = List.of(EMBEDDED, DOCKER, JDBC);

    private DatabaseProviders() {
    }

    /** The parameters as the Mojo holds them. */
    record Parameters(String provider, String image, List<File> initScripts, String url, String username,
                      String password, String serverId) {
    }

    /** The provider a {@code provider} parameter names: {@code embedded} when unset, in lower case. */
    static String chosen(String provider) {
        return blankTo(provider, EMBEDDED).toLowerCase(Locale.ROOT);
    }

    static DatabaseProvisioner provisioner(Parameters p, Settings settings, SettingsDecrypter decrypter, Log log)
            throws MojoExecutionException {
        String provider = chosen(p.provider());
        DatabaseProvisioner provisioner = switch (provider) {
            case EMBEDDED -> {
                ignored(log, provider, "image", p.image());
                ignoredConnection(log, provider, p);
                yield DatabaseProvisioner.embedded();
            }
            case DOCKER -> {
                ignoredConnection(log, provider, p);
                yield DatabaseProvisioner.docker(blankTo(p.image(), null));
            }
            case JDBC -> {
                ignored(log, provider, "image", p.image());
                yield jdbc(p, settings, decrypter);
            }
            default -> throw new MojoExecutionException("Invalid parameter provider (dbguard.provider) '"
                    + p.provider() + "': use " + String.join(", ", PROVIDERS));
        };
        List<Path> scripts = new ArrayList<>();
        for (File script : p.initScripts() == null ? List.<File>of() : p.initScripts()) {
            if (script != null) {
                scripts.add(script.toPath());
            }
        }
        try {
            return provisioner.withInitScripts(scripts);
        } catch (DbGuardException e) {
            throw new MojoExecutionException("Invalid parameter " + e.getMessage());
        }
    }

    private static DatabaseProvisioner jdbc(Parameters p, Settings settings, SettingsDecrypter decrypter)
            throws MojoExecutionException {
        String url = blankTo(p.url(), null);
        if (url == null) {
            throw new MojoExecutionException("provider jdbc needs url (dbguard.url): the JDBC URL of the server's "
                    + "maintenance database, e.g. jdbc:postgresql://localhost:5432/postgres; db-guard creates a "
                    + "database of its own there and drops it afterwards");
        }
        try {
            JdbcUrls.validate(url);
        } catch (DbGuardException e) {
            throw new MojoExecutionException("Invalid parameter " + e.getMessage());
        }
        Credentials credentials = credentials(p, settings, decrypter);
        try {
            return DatabaseProvisioner.jdbc(url, credentials.username(), credentials.password());
        } catch (DbGuardException e) {
            throw new MojoExecutionException("Invalid parameter " + e.getMessage());
        }
    }

    /** The user and password of provider jdbc; {@link #toString()} hides the password. */
    record Credentials(String username, String password) {
        @Override
        public String toString() {
            return "Credentials[username=" + username + ", password=" + (password == null ? "none" : "****") + "]";
        }
    }

    /** {@code username}/{@code password}, or those of the settings.xml server {@code serverId}, decrypted. */
    static Credentials credentials(Parameters p, Settings settings, SettingsDecrypter decrypter)
            throws MojoExecutionException {
        String username = blankTo(p.username(), null);
        String password = p.password() == null || p.password().isEmpty() ? null : p.password();
        String serverId = blankTo(p.serverId(), null);
        if (serverId != null) {
            if (username != null || password != null) {
                throw new MojoExecutionException("Set either serverId (dbguard.serverId) or username/password "
                        + "(dbguard.username, dbguard.password), not both: serverId " + serverId
                        + " already gives the credentials");
            }
            Server server = settings == null ? null : settings.getServer(serverId);
            if (server == null) {
                throw new MojoExecutionException("serverId (dbguard.serverId) '" + serverId + "' names no <server> "
                        + "in settings.xml: add <server><id>" + serverId + "</id><username>…</username><password>…"
                        + "</password></server> to ~/.m2/settings.xml, or set username and password");
            }
            SettingsDecryptionResult result = decrypter.decrypt(new DefaultSettingsDecryptionRequest(server));
            for (SettingsProblem problem : result.getProblems()) {
                if (problem.getSeverity() != SettingsProblem.Severity.WARNING) {
                    throw new MojoExecutionException("Cannot decrypt the password of server " + serverId
                            + " in settings.xml: " + problem.getMessage()
                            + " (check ~/.m2/settings-security.xml and the encrypted password)");
                }
            }
            Server decrypted = result.getServer();
            username = blankTo(decrypted.getUsername(), null);
            password = decrypted.getPassword() == null || decrypted.getPassword().isEmpty()
                    ? null : decrypted.getPassword();
        }
        return new Credentials(username, password);
    }

    private static void ignoredConnection(Log log, String provider, Parameters p) {
        ignored(log, provider, "url", p.url());
        ignored(log, provider, "username", p.username());
        ignored(log, provider, "password", p.password() == null || p.password().isEmpty() ? null : "set");
        ignored(log, provider, "serverId", p.serverId());
    }

    private static void ignored(Log log, String provider, String parameter, String value) {
        if (value != null && !value.isBlank()) {
            log.warn("db-guard: parameter " + parameter + " is ignored with provider " + provider
                    + (parameter.equals("image") ? " (only provider docker runs an image)"
                    : " (only provider jdbc connects to an existing server)"));
        }
    }

    private static String blankTo(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value.trim();
    }
}
