package dev.dbguard.maven;

import dev.dbguard.core.api.DbGuardException;
import dev.dbguard.core.api.GuardConfig;
import dev.dbguard.core.report.AnalysisResult;
import dev.dbguard.core.report.Baseline;
import java.nio.file.Path;
import javax.inject.Inject;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.eclipse.aether.RepositorySystem;

/**
 * Writes every current unsuppressed finding to the {@code baseline} file, so a project with a legacy schema can adopt
 * db-guard and fail only on new findings. Entries are keyed by rule and object (table, column, policy, constraint,
 * function, role; per-migration rules also by migration file), never by line, and sorted, so the file diffs well.
 * Commit the file; run the goal again after fixing baselined findings. Bound to no phase: run it by hand,
 * {@code mvn db-guard:baseline}.
 */
@Mojo(name = "baseline", threadSafe = true, requiresDependencyResolution = ResolutionScope.TEST)
public class BaselineMojo extends AbstractDbGuardMojo {

    @Inject
    public BaselineMojo(RepositorySystem repositorySystem) {
        super(repositorySystem);
    }

    @Override
    protected void run() throws MojoExecutionException, MojoFailureException {
        GuardConfig config = guardConfig();
        AnalysisResult result = analyse(config);
        Baseline accepted = Baseline.of(result);
        Path file;
        try {
            file = accepted.write(baseline.toPath());
        } catch (DbGuardException e) {
            throw new MojoExecutionException(e.getMessage());
        }
        int count = accepted.entries().size();
        getLog().info("db-guard: baseline " + displayPath(file) + " written with " + count
                + (count == 1 ? " finding" : " findings") + "; commit it: db-guard:check now fails only on new findings");
    }
}
