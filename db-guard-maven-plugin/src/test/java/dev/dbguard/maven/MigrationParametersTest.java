package dev.dbguard.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dbguard.core.api.GuardConfig;
import dev.dbguard.core.api.MigrationFormat;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.maven.model.Plugin;
import org.apache.maven.plugin.MojoExecutionException;
import org.codehaus.plexus.util.xml.Xpp3DomBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The format parameters, mapped without Maven running. */
class MigrationParametersTest {

    @TempDir
    Path basedir;

    private CheckMojo mojo() {
        CheckMojo mojo = MojoDefaults.inject(new CheckMojo(null), basedir, basedir.resolve("src/main/resources/db/migration"));
        mojo.schemas = null; // unset: the format tool's own default schema applies
        mojo.format = "auto";
        return mojo;
    }

    @Test
    void anUnknownFormatFailsWithTheParameterName() {
        CheckMojo mojo = mojo();
        mojo.format = "sqitch";
        assertThatThrownBy(mojo::guardConfig).isInstanceOf(MojoExecutionException.class)
                .hasMessage("Invalid parameter format (dbguard.format): 'sqitch' is not a migration format; use auto,"
                        + " flyway, liquibase or plain");
    }

    @Test
    void autoFindsTheChangelogAtTheUsualPlace() throws Exception {
        Path changeLog = basedir.resolve("src/main/resources/db/changelog/db.changelog-master.yaml");
        Files.createDirectories(changeLog.getParent());
        Files.writeString(changeLog, "databaseChangeLog: []\n");
        CheckMojo mojo = mojo();
        mojo.contexts = " test ";
        mojo.defaultSchemaName = "app";
        GuardConfig config = mojo.guardConfig();
        assertThat(config.migrationSettings().changeLogFile()).isEqualTo(changeLog);
        assertThat(config.migrationSettings().contexts()).isEqualTo("test");
        assertThat(config.schemas()).as("schemas unset: Liquibase's default schema").containsExactly("app");
    }

    @Test
    void liquibaseWithoutAChangelogSaysWhereToPutIt() {
        CheckMojo mojo = mojo();
        mojo.format = "liquibase";
        assertThatThrownBy(mojo::guardConfig).isInstanceOf(MojoExecutionException.class)
                .hasMessageContaining("set changeLogFile (dbguard.changeLogFile)");
    }

    @Test
    void flywayMavenPluginSettingsAreTakenAndOwnParametersWin() throws Exception {
        CheckMojo mojo = mojo();
        Plugin plugin = new Plugin();
        plugin.setGroupId("org.flywaydb");
        plugin.setArtifactId("flyway-maven-plugin");
        plugin.setConfiguration(Xpp3DomBuilder.build(new StringReader("""
                <configuration>
                  <locations><location>filesystem:sql</location></locations>
                  <schemas><schema>billing</schema></schemas>
                  <placeholders><a>1</a><b>2</b></placeholders>
                  <placeholderSuffix>]</placeholderSuffix>
                </configuration>""")));
        mojo.project.getBuild().addPlugin(plugin);
        mojo.placeholders = Map.of("b", "own");
        mojo.placeholderSuffix = "}}";
        GuardConfig config = mojo.guardConfig();
        assertThat(config.migrationSettings().format()).isEqualTo(MigrationFormat.FLYWAY);
        assertThat(config.migrationSettings().locations()).containsExactly("filesystem:" + basedir.resolve("sql"));
        assertThat(config.migrationSettings().flywaySchemas()).containsExactly("billing");
        assertThat(config.migrationSettings().placeholders()).isEqualTo(Map.of("a", "1", "b", "own"));
        assertThat(config.migrationSettings().placeholderSuffix()).isEqualTo("}}");
        assertThat(config.schemas()).as("schemas unset: Flyway's").containsExactly("billing");

        mojo.schemas = List.of("public");
        assertThat(mojo.guardConfig().schemas()).containsExactly("public");
    }
}
