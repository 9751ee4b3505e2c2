package dev.dbguard.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.StringReader;
import java.nio.file.Path;
import org.apache.maven.model.Build;
import org.apache.maven.model.Model;
import org.apache.maven.model.Plugin;
import org.apache.maven.model.PluginExecution;
import org.apache.maven.project.MavenProject;
import org.codehaus.plexus.util.xml.Xpp3DomBuilder;
import org.junit.jupiter.api.Test;

/** What db-guard takes from a project's flyway-maven-plugin block. */
class FlywayPluginConfigurationTest {

    private static MavenProject project(String configuration, String executionConfiguration) throws Exception {
        Model model = new Model();
        Build build = new Build();
        Plugin plugin = new Plugin();
        plugin.setGroupId("org.flywaydb");
        plugin.setArtifactId("flyway-maven-plugin");
        if (configuration != null) {
            plugin.setConfiguration(Xpp3DomBuilder.build(new StringReader(configuration)));
        }
        if (executionConfiguration != null) {
            PluginExecution execution = new PluginExecution();
            execution.setId("migrate");
            execution.setConfiguration(Xpp3DomBuilder.build(new StringReader(executionConfiguration)));
            plugin.addExecution(execution);
        }
        build.addPlugin(plugin);
        model.setBuild(build);
        MavenProject project = new MavenProject(model);
        project.setFile(new File("/work/app/pom.xml"));
        return project;
    }

    @Test
    void readsLocationsPlaceholdersSchemasAndPrefixes() throws Exception {
        FlywayPluginConfiguration c = FlywayPluginConfiguration.of(project("""
                <configuration>
                  <locations><location>filesystem:src/main/sql</location><location>classpath:db/migration</location></locations>
                  <schemas><schema>billing</schema><schema>audit</schema></schemas>
                  <placeholders><appRole>billing_app</appRole><empty/></placeholders>
                  <placeholderPrefix>#{</placeholderPrefix>
                  <sqlMigrationPrefix>M</sqlMigrationPrefix>
                  <mixed>true</mixed>
                  <url>jdbc:postgresql://prod/app</url>
                  <password>secret</password>
                </configuration>""", """
                <configuration>
                  <placeholders><appRole>ignored_app</appRole><region>eu</region></placeholders>
                  <baselineVersion>3</baselineVersion>
                  <placeholderPrefix>ignored</placeholderPrefix>
                </configuration>"""));
        assertThat(c.found()).isTrue();
        assertThat(c.locations()).containsExactly("filesystem:" + Path.of("/work/app/src/main/sql"), "classpath:db/migration");
        assertThat(c.schemas()).containsExactly("billing", "audit");
        // the plugin's own configuration first, then the executions' for what it leaves out
        assertThat(c.placeholders()).containsEntry("appRole", "billing_app").containsEntry("region", "eu")
                .containsEntry("empty", "");
        assertThat(c.placeholderPrefix()).isEqualTo("#{");
        assertThat(c.placeholderSuffix()).isNull();
        assertThat(c.sqlMigrationPrefix()).isEqualTo("M");
        assertThat(c.baselineVersion()).isEqualTo("3");
        // other Flyway settings pass on by Flyway's property names; the connection never does
        assertThat(c.others()).isEqualTo(java.util.Map.of("flyway.mixed", "true"));
    }

    @Test
    void commaSeparatedListsAndNoPlugin() throws Exception {
        FlywayPluginConfiguration c = FlywayPluginConfiguration.of(project(
                "<configuration><locations>filesystem:/abs/sql, classpath:db</locations><schemas>app</schemas></configuration>",
                null));
        assertThat(c.locations()).containsExactly("filesystem:/abs/sql", "classpath:db");
        assertThat(c.schemas()).containsExactly("app");
        MavenProject none = new MavenProject(new Model());
        none.setFile(new File("/work/app/pom.xml"));
        assertThat(FlywayPluginConfiguration.of(none).found()).isFalse();
    }
}
