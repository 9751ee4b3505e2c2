package dev.dbguard.maven;

import dev.dbguard.core.api.DbGuardException;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * Stops the database {@code start} left running in this project (stops the embedded server or the container,
 * or drops the scratch database) and puts back the project properties {@code start} set. Runs whatever the
 * integration tests' outcome, since failsafe reports failures only in {@code verify}. With
 * {@code -Ddbguard.skip}, {@code start} started nothing and there is nothing to stop.
 */
@Mojo(name = "stop", defaultPhase = LifecyclePhase.POST_INTEGRATION_TEST, threadSafe = true)
public class StopMojo extends AbstractMojo {

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    protected MavenProject project;

    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    protected MavenSession session;

    @Override
    public void execute() throws MojoFailureException {
        StartedDatabase started = StartedDatabase.of(project);
        if (started == null) {
            getLog().info("db-guard: no database started in " + project.getArtifactId() + "; nothing to stop");
            return;
        }
        try {
            started.stop(project);
        } catch (DbGuardException e) {
            throw new MojoFailureException(e.getMessage());
        }
        getLog().info("db-guard: stopped the database of the integration tests");
    }
}
