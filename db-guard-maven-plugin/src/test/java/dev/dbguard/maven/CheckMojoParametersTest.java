package dev.dbguard.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dbguard.core.api.GuardConfig;
import dev.dbguard.core.api.FailThreshold;
import java.io.File;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.maven.plugin.MojoExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Parameter handling without Maven running: the defaults Maven would inject, then one change per test. */
class CheckMojoParametersTest {

    @TempDir
    Path basedir;

    private CheckMojo mojo() {
        CheckMojo mojo = MojoDefaults.inject(new CheckMojo(null), basedir, basedir.resolve("src/main/resources/db/migration"));
        mojo.rehearse = true;
        return mojo;
    }

    @Test
    void defaultsMapOntoTheCoreConfiguration() throws Exception {
        GuardConfig config = mojo().guardConfig();

        assertThat(config.migrations()).containsExactly(basedir.resolve("src/main/resources/db/migration"));
        assertThat(config.schemas()).containsExactly("public");
        assertThat(config.tenantColumns()).containsExactly("tenant_id");
        assertThat(config.tenantTable()).isEqualTo("tenants");
        assertThat(config.globalTables()).isEmpty();
        assertThat(config.appRole()).isNull();
        assertThat(config.migrationRole()).as("unset: migrations run as the server's superuser").isNull();
        assertThat(config.failOnSeverity()).isEqualTo(FailThreshold.ERROR);
        assertThat(config.postgresBinaries()).as("17 is bundled: nothing to resolve").isNull();
        assertThat(config.reportDirectory()).isEqualTo(basedir.resolve("target/db-guard"));
        assertThat(config.releases()).isEqualTo("per-migration");
        assertThat(config.productionVersion()).as("unset: every migration is judged").isNull();
    }

    @Test
    void rehearsalAndRollbackParametersMapOntoTheCoreConfiguration() throws Exception {
        CheckMojo mojo = mojo();
        GuardConfig config = mojo.guardConfig();
        assertThat(config.rehearse()).isTrue();
        assertThat(config.requireRollback()).isFalse();
        assertThat(config.rollbackMigrations()).as("unset: the migration locations").isEmpty();

        mojo.rehearse = false;
        mojo.requireRollback = true;
        mojo.rollbackMigrations = List.of(basedir.resolve("src/main/resources/db/rollback").toFile());
        config = mojo.guardConfig();
        assertThat(config.rehearse()).isFalse();
        assertThat(config.requireRollback()).isTrue();
        assertThat(config.rollbackMigrations()).containsExactly(basedir.resolve("src/main/resources/db/rollback"));
    }

    @Test
    void releasesAndProductionVersionMapOntoTheCoreConfiguration() throws Exception {
        CheckMojo mojo = mojo();
        mojo.releases = " Major-Version ";
        mojo.productionVersion = " 3_2 ";

        GuardConfig config = mojo.guardConfig();

        assertThat(config.releases()).isEqualTo("major-version");
        assertThat(config.productionVersion()).isEqualTo("3_2");

        mojo.releases = "marker";
        mojo.productionVersion = " ";
        config = mojo.guardConfig();
        assertThat(config.releases()).isEqualTo("marker");
        assertThat(config.productionVersion()).as("blank is unset").isNull();
    }

    @Test
    void migrationRoleMapsOntoTheCoreConfiguration() throws Exception {
        CheckMojo mojo = mojo();
        mojo.migrationRole = " app_owner ";
        assertThat(mojo.guardConfig().migrationRole()).isEqualTo("app_owner");

        mojo.migrationRole = " ";
        assertThat(mojo.guardConfig().migrationRole()).as("blank is unset").isNull();
    }

    @Test
    void aMissingReleasesValueFallsBackToPerMigration() throws Exception {
        CheckMojo mojo = mojo();
        mojo.releases = null;

        assertThat(mojo.guardConfig().releases()).isEqualTo("per-migration");
    }

    @Test
    void anUnknownReleasesGroupingNamesTheParameterAndTheAllowedValues() {
        CheckMojo mojo = mojo();
        mojo.releases = "per-sprint";

        assertThatThrownBy(mojo::guardConfig)
                .isInstanceOf(MojoExecutionException.class)
                .hasMessageContaining("releases (dbguard.releases)")
                .hasMessageContaining("'per-sprint'")
                .hasMessageContaining("per-migration, major-version, marker");
    }

    @Test
    void aProductionVersionThatIsNotAFlywayVersionNamesTheParameter() {
        CheckMojo mojo = mojo();
        mojo.productionVersion = "v4";

        assertThatThrownBy(mojo::guardConfig)
                .isInstanceOf(MojoExecutionException.class)
                .hasMessageContaining("productionVersion (dbguard.productionVersion)")
                .hasMessageContaining("'v4'")
                .hasMessageContaining("3.2");
    }

    @Test
    void failOnSeverityIsCaseInsensitiveAndAcceptsNever() throws Exception {
        CheckMojo mojo = mojo();
        mojo.failOnSeverity = "never";
        assertThat(mojo.guardConfig().failOnSeverity()).isEqualTo(FailThreshold.NEVER);
        mojo.failOnSeverity = "warning";
        assertThat(mojo.guardConfig().failOnSeverity().toString()).isEqualTo("WARNING");
    }

    @Test
    void unknownFailOnSeverityNamesTheParameterAndTheAllowedValues() {
        CheckMojo mojo = mojo();
        mojo.failOnSeverity = "CRITICAL";

        assertThatThrownBy(mojo::guardConfig)
                .isInstanceOf(MojoExecutionException.class)
                .hasMessageContaining("failOnSeverity")
                .hasMessageContaining("'CRITICAL'")
                .hasMessageContaining("ERROR, WARNING, INFO or NEVER");
    }

    @Test
    void ruleSettingsAreNormalised() throws Exception {
        CheckMojo mojo = mojo();
        Map<String, String> rules = new LinkedHashMap<>();
        rules.put("rls-not-forced", "warning");
        rules.put("tenant-column-unindexed", "OFF");
        mojo.rules = rules;

        assertThat(mojo.guardConfig().rules())
                .containsEntry("rls-not-forced", "WARNING")
                .containsEntry("tenant-column-unindexed", "off");
    }

    @Test
    void anUnknownRuleSettingNamesTheRuleAndTheAllowedValues() {
        CheckMojo mojo = mojo();
        mojo.rules = Map.of("rls-not-forced", "fatal");

        assertThatThrownBy(mojo::guardConfig)
                .isInstanceOf(MojoExecutionException.class)
                .hasMessageContaining("rules")
                .hasMessageContaining("rls-not-forced")
                .hasMessageContaining("'fatal'")
                .hasMessageContaining("ERROR, WARNING, INFO or off");
    }

    @Test
    void anUnknownRuleIdNamesTheKnownRules() {
        CheckMojo mojo = mojo();
        mojo.rules = Map.of("rls-not-forsed", "WARNING");

        assertThatThrownBy(mojo::guardConfig)
                .isInstanceOf(MojoExecutionException.class)
                .hasMessageContaining("unknown rule id 'rls-not-forsed'")
                .hasMessageContaining("rls-not-forced");
    }

    @Test
    void anUnsupportedPostgresVersionIsAConfigurationError() {
        CheckMojo mojo = mojo();
        mojo.postgresVersion = "9.6";

        assertThatThrownBy(mojo::guardConfig)
                .isInstanceOf(MojoExecutionException.class)
                .hasMessageContaining("postgresVersion")
                .hasMessageContaining("14, 15, 16 or 17");
    }

    @Test
    void emptyListsFallBackToTheDocumentedDefaults() throws Exception {
        CheckMojo mojo = mojo();
        mojo.migrations = null;
        mojo.schemas = List.of(" ");
        mojo.tenantColumns = null;

        GuardConfig config = mojo.guardConfig();

        assertThat(config.migrations()).containsExactly(
                new File(basedir.toFile(), "src/main/resources/db/migration").toPath());
        assertThat(config.schemas()).containsExactly("public");
        assertThat(config.tenantColumns()).containsExactly("tenant_id");
    }
}
