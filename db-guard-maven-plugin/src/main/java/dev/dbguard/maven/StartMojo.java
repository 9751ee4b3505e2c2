package dev.dbguard.maven;

import dev.dbguard.core.api.DbGuardException;
import dev.dbguard.core.api.GuardConfig;
import dev.dbguard.core.IntegrationDatabase;
import dev.dbguard.core.api.InvalidParameterException;
import dev.dbguard.core.postgres.ConnectionInfo;
import dev.dbguard.core.postgres.DatabaseProvisioner;
import dev.dbguard.core.report.AnalysisResult;
import javax.inject.Inject;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.eclipse.aether.RepositorySystem;

/**
 * Everything {@code check} does (the same parameters, reports and failure on findings at or above
 * {@code failOnSeverity}), then leaves the migrated database running for the project's integration tests and
 * sets the project properties {@code dbguard.url}, {@code dbguard.username}, {@code dbguard.password} and
 * {@code dbguard.port}. The database holds the schema the migrations built and the rows they inserted, nothing
 * db-guard made (its journal is removed, the probe's rows are rolled back). {@code stop} stops it.
 */
@Mojo(name = "start", defaultPhase = LifecyclePhase.PRE_INTEGRATION_TEST, threadSafe = true,
        requiresDependencyResolution = ResolutionScope.TEST)
public class StartMojo extends CheckMojo {

    private IntegrationDatabase started;

    @Inject
    public StartMojo(RepositorySystem repositorySystem) {
        super(repositorySystem);
    }

    @Override
    protected String skipped() {
        return "db-guard: skipped; no database started";
    }

    @Override
    protected void run() throws MojoExecutionException, MojoFailureException {
        StartedDatabase previous = StartedDatabase.of(project);
        if (previous != null) {
            getLog().warn("db-guard: a database started earlier in this build of " + project.getArtifactId()
                    + " was not stopped (no stop goal ran since); stopping it before starting another");
            previous.stop(project);
        }
        started = null;
        try {
            super.run(); // check: provision, migrate, judge, report, fail on findings
        } catch (MojoExecutionException | MojoFailureException | RuntimeException e) {
            closeStarted();
            throw e;
        }
        if (started == null) {
            throw new MojoExecutionException("db-guard start: the check did not provision a database to keep");
        }
        StartedDatabase.register(project, started);
        ConnectionInfo info = started.connection();
        getLog().info("db-guard: database kept running for the integration tests: " + StartedDatabase.URL + "="
                + info.url() + ", " + StartedDatabase.USERNAME + "=" + info.username() + ", "
                + StartedDatabase.PORT + "=" + info.port() + (info.password() == null ? ""
                : ", " + StartedDatabase.PASSWORD + " is set"));
    }

    /** The check's analysis, keeping the migrated database instead of closing it. */
    @Override
    protected AnalysisResult analyse(GuardConfig config) throws MojoExecutionException, MojoFailureException {
        DatabaseProvisioner provisioner = provisioner();
        quietEmbeddedPostgresLogging();
        try {
            started = IntegrationDatabase.start(provisioner, config, listener());
        } catch (InvalidParameterException e) {
            throw InvalidParameters.of(e);
        } catch (DbGuardException e) {
            throw new MojoFailureException(e.getMessage());
        }
        return started.result();
    }

    private void closeStarted() {
        if (started != null) {
            try {
                started.close();
            } catch (DbGuardException e) {
                getLog().warn("db-guard: " + e.getMessage());
            }
            started = null;
        }
    }
}
