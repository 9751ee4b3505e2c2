package dev.dbguard.core.role;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dbguard.core.DbGuard;
import dev.dbguard.core.api.DbGuardException;
import dev.dbguard.core.api.GuardConfig;
import dev.dbguard.core.api.RunListener;
import dev.dbguard.core.api.MigrationFormat;
import dev.dbguard.core.api.MigrationSettings;
import dev.dbguard.core.report.AnalysisResult;
import dev.dbguard.core.api.Finding;
import dev.dbguard.core.testing.SharedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The migration role as an init script made it, and a role db-guard refuses. */
class MigrationRoleTest {

    @Test
    void aRoleAnInitScriptCreatedKeepsTheRightsTheScriptGaveIt(@TempDir Path dir) throws IOException {
        // a role that owns nothing: from PostgreSQL 15 it may not create tables in public
        Path init = Files.writeString(dir.resolve("init.sql"), """
                DO $$ BEGIN
                    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'deployer') THEN
                        CREATE ROLE deployer LOGIN NOSUPERUSER NOBYPASSRLS;
                    END IF;
                END $$;
                """);
        Path migrations = Files.createDirectories(dir.resolve("migrations"));
        Files.writeString(migrations.resolve("V1__notes.sql"), "CREATE TABLE notes (id bigint PRIMARY KEY);\n");
        GuardConfig config = GuardConfig.builder().migration(migrations).migrationRole("deployer")
                .migrationSettings(MigrationSettings.DEFAULTS.withFormat(MigrationFormat.PLAIN)).build();

        AnalysisResult result = new DbGuard(SharedPostgres.scratchDatabases().withInitScripts(List.of(init)))
                .run(config, RunListener.SILENT);

        List<Finding> needs = result.findings().stream().filter(f -> f.rule().equals("migration-needs-superuser")).toList();
        assertThat(needs).hasSize(1);
        assertThat(needs.get(0).source().line()).isEqualTo(1);
        assertThat(needs.get(0).message()).contains("as deployer", "42501 permission denied for schema public");
    }

    @Test
    void aToolsBookkeepingTheRoleMayNotDoFailsAsInProduction(@TempDir Path dir) throws IOException {
        // Flyway's history table, which the role may not create in public: not a migration's statement, no retry
        Path init = Files.writeString(dir.resolve("init.sql"), """
                DO $$ BEGIN
                    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'deployer') THEN
                        CREATE ROLE deployer LOGIN NOSUPERUSER NOBYPASSRLS;
                    END IF;
                END $$;
                """);
        Path migrations = Files.createDirectories(dir.resolve("migrations"));
        Files.writeString(migrations.resolve("V1__notes.sql"), "CREATE TABLE notes (id bigint PRIMARY KEY);\n");
        GuardConfig config = GuardConfig.builder().migration(migrations).migrationRole("deployer")
                .migrationSettings(MigrationSettings.DEFAULTS.withFormat(MigrationFormat.FLYWAY)).build();

        assertThatThrownBy(() -> new DbGuard(SharedPostgres.scratchDatabases().withInitScripts(List.of(init)))
                .run(config, RunListener.SILENT))
                .isInstanceOf(DbGuardException.class)
                .hasMessageContaining("Flyway")
                .hasMessageContaining("permission denied for schema public");
    }

    @Test
    void aSuperuserMigrationRoleIsRefused(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("V1__notes.sql"), "CREATE TABLE notes (id bigint PRIMARY KEY);\n");
        String admin = SharedPostgres.server().adminUser();
        GuardConfig config = GuardConfig.builder().migration(dir).migrationRole(admin).build();

        assertThatThrownBy(() -> new DbGuard(SharedPostgres.scratchDatabases()).run(config, RunListener.SILENT))
                .isInstanceOf(DbGuardException.class)
                .hasMessageStartingWith("migrationRole " + admin + " exists on the throwaway server and is a superuser");
    }
}
