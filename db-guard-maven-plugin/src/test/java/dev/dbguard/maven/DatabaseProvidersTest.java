package dev.dbguard.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.crypto.DefaultSettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sonatype.plexus.components.cipher.DefaultPlexusCipher;
import org.sonatype.plexus.components.sec.dispatcher.DefaultSecDispatcher;

/** The provider parameters, with Maven's own settings decrypter (the one {@code mvn --encrypt-password} pairs with). */
class DatabaseProvidersTest {

    private static final String URL = "jdbc:postgresql://localhost:5432/postgres";

    @TempDir
    Path dir;

    private static DatabaseProviders.Parameters jdbc(String url, String username, String password, String serverId) {
        return new DatabaseProviders.Parameters("jdbc", null, null, url, username, password, serverId);
    }

    /** A decrypter whose master password lives in a settings-security.xml of this test, as in ~/.m2. */
    private SettingsDecrypter decrypter(DefaultPlexusCipher cipher) throws Exception {
        String master = cipher.encryptAndDecorate("master-of-the-test",
                DefaultSecDispatcher.SYSTEM_PROPERTY_SEC_LOCATION);
        Path security = Files.writeString(dir.resolve("settings-security.xml"),
                "<settingsSecurity><master>" + master + "</master></settingsSecurity>");
        return new DefaultSettingsDecrypter(new DefaultSecDispatcher(cipher, Map.of(), security.toString()));
    }

    private static Settings settingsWith(String id, String username, String password) {
        Server server = new Server();
        server.setId(id);
        server.setUsername(username);
        server.setPassword(password);
        Settings settings = new Settings();
        settings.addServer(server);
        return settings;
    }

    @Test
    void aServerIdGivesTheDecryptedCredentialsOfSettingsXml() throws Exception {
        DefaultPlexusCipher cipher = new DefaultPlexusCipher();
        SettingsDecrypter decrypter = decrypter(cipher);
        String encrypted = cipher.encryptAndDecorate("db-secret", "master-of-the-test");
        Settings settings = settingsWith("staging-db", "guard", encrypted);

        DatabaseProviders.Credentials credentials =
                DatabaseProviders.credentials(jdbc(URL, null, null, "staging-db"), settings, decrypter);

        assertThat(credentials.username()).isEqualTo("guard");
        assertThat(credentials.password()).isEqualTo("db-secret");
        assertThat(credentials.toString()).doesNotContain("db-secret");
        // a plain password in settings.xml is taken as written
        assertThat(DatabaseProviders.credentials(jdbc(URL, null, null, "plain"),
                settingsWith("plain", "u", "plain-pw"), decrypter).password()).isEqualTo("plain-pw");
    }

    @Test
    void usernameAndPasswordAreTakenAsGiven() throws Exception {
        DatabaseProviders.Credentials credentials = DatabaseProviders.credentials(jdbc(URL, " guard ", "pw", null),
                new Settings(), decrypter(new DefaultPlexusCipher()));
        assertThat(credentials.username()).isEqualTo("guard");
        assertThat(credentials.password()).isEqualTo("pw");
    }

    @Test
    void anUnknownServerIdOrBothWaysOfCredentialsAreRefused() throws Exception {
        SettingsDecrypter decrypter = decrypter(new DefaultPlexusCipher());
        assertThatThrownBy(() -> DatabaseProviders.credentials(jdbc(URL, null, null, "nope"), new Settings(), decrypter))
                .isInstanceOf(MojoExecutionException.class)
                .hasMessageContaining("serverId (dbguard.serverId) 'nope' names no <server> in settings.xml");
        assertThatThrownBy(() -> DatabaseProviders.credentials(jdbc(URL, "u", "secret-pw", "x"),
                settingsWith("x", "u", "p"), decrypter))
                .isInstanceOf(MojoExecutionException.class)
                .hasMessageContaining("either serverId")
                .hasMessageNotContaining("secret-pw");
    }

    @Test
    void badProviderParametersAreRefusedBeforeAnythingStarts() {
        SystemStreamLog log = new SystemStreamLog();
        assertThatThrownBy(() -> DatabaseProviders.provisioner(new DatabaseProviders.Parameters("podman", null, null,
                null, null, null, null), new Settings(), null, log))
                .isInstanceOf(MojoExecutionException.class)
                .hasMessage("Invalid parameter provider (dbguard.provider) 'podman': use embedded, docker, jdbc");
        assertThatThrownBy(() -> DatabaseProviders.provisioner(jdbc(null, "u", "p", null), new Settings(), null, log))
                .isInstanceOf(MojoExecutionException.class)
                .hasMessageContaining("provider jdbc needs url (dbguard.url)");
        assertThatThrownBy(() -> DatabaseProviders.provisioner(jdbc("jdbc:mysql://h/db?password=pw-in-url", "u", "p",
                null), new Settings(), null, log))
                .isInstanceOf(MojoExecutionException.class)
                .hasMessageContaining("is not a PostgreSQL JDBC URL")
                .hasMessageNotContaining("pw-in-url");
        assertThatThrownBy(() -> DatabaseProviders.provisioner(new DatabaseProviders.Parameters("embedded", null,
                List.of(dir.resolve("missing.sql").toFile()), null, null, null, null), new Settings(), null, log))
                .isInstanceOf(MojoExecutionException.class)
                .hasMessageContaining("initScripts")
                .hasMessageContaining("missing.sql");
    }

    @Test
    void connectionParametersGivenToAnotherProviderAreReportedAsIgnoredWithoutThePassword() throws Exception {
        List<String> warnings = new ArrayList<>();
        SystemStreamLog log = new SystemStreamLog() {
            @Override
            public void warn(CharSequence content) {
                warnings.add(content.toString());
            }
        };
        assertThat(DatabaseProviders.provisioner(new DatabaseProviders.Parameters("EMBEDDED", null, List.<File>of(),
                URL, null, "hidden-pw", null), new Settings(), null, log)).isNotNull();
        assertThat(warnings).anyMatch(w -> w.contains("parameter url is ignored with provider embedded"))
                .anyMatch(w -> w.contains("parameter password is ignored"))
                .noneMatch(w -> w.contains("hidden-pw"));
    }
}
