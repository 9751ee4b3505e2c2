package dev.dbguard.maven;

import dev.dbguard.core.api.GuardConfig;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.project.MavenProject;

/** The parameter values Maven injects by default, set on a goal built without Maven running. */
final class MojoDefaults {

    private MojoDefaults() {
    }

    static <T extends AbstractDbGuardMojo> T inject(T mojo, Path basedir, Path migrations) {
        MavenProject project = new MavenProject();
        project.setFile(basedir.resolve("pom.xml").toFile());
        mojo.project = project;
        mojo.migrations = List.of(migrations.toFile());
        mojo.schemas = List.of("public");
        mojo.tenantColumns = List.of(GuardConfig.DEFAULT_TENANT_COLUMN);
        mojo.tenantTable = GuardConfig.DEFAULT_TENANT_TABLE;
        mojo.tenantContext = GuardConfig.DEFAULT_TENANT_CONTEXT;
        mojo.failOnSeverity = GuardConfig.DEFAULT_FAIL_ON_SEVERITY;
        mojo.postgresVersion = GuardConfig.DEFAULT_POSTGRES_VERSION;
        mojo.reportDirectory = basedir.resolve("target/db-guard").toFile();
        mojo.releases = GuardConfig.DEFAULT_RELEASES;
        return mojo;
    }
}
