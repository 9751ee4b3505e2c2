package dev.dbguard.maven;

import dev.dbguard.core.api.DbGuardException;
import dev.dbguard.core.api.GuardConfig;
import dev.dbguard.core.postgres.PostgresBinaries;
import java.nio.file.Path;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.project.MavenProject;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.resolution.ArtifactRequest;
import org.eclipse.aether.resolution.ArtifactResolutionException;

/**
 * The binaries jar for a {@code postgresVersion} other than the bundled one, resolved through Maven like any
 * artifact, so mirrors, proxies and offline mode apply. The version itself was checked by the core.
 */
final class PostgresBinariesArtifact {

    private PostgresBinariesArtifact() {
    }

    /** The jar of {@code version} for this platform; null for the bundled version, which needs none. */
    static Path resolve(String version, RepositorySystem repositorySystem, MavenProject project, MavenSession session)
            throws MojoExecutionException {
        if (PostgresBinaries.isBundled(version)) {
            return null;
        }
        Artifact artifact;
        try {
            artifact = new DefaultArtifact(PostgresBinaries.GROUP_ID, PostgresBinaries.artifactIdForThisPlatform(),
                    "jar", PostgresBinaries.binariesVersion(version));
        } catch (DbGuardException e) {
            // no binaries for this operating system or architecture
            throw new MojoExecutionException("Invalid parameter postgresVersion ("
                    + InvalidParameters.userProperty("postgresVersion") + "): " + e.getMessage());
        }
        ArtifactRequest request = new ArtifactRequest(artifact, project.getRemotePluginRepositories(), null);
        try {
            return repositorySystem.resolveArtifact(session.getRepositorySession(), request)
                    .getArtifact().getFile().toPath();
        } catch (ArtifactResolutionException e) {
            throw new MojoExecutionException("Cannot resolve the PostgreSQL " + version + " binaries " + artifact
                    + " for postgresVersion " + version + ": " + e.getMessage()
                    + " (check the repositories in your settings, or run once online; PostgreSQL "
                    + GuardConfig.DEFAULT_POSTGRES_VERSION + " is bundled and needs no download)");
        }
    }
}
