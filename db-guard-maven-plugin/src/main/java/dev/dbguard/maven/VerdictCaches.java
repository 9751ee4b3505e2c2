package dev.dbguard.maven;

import dev.dbguard.core.cache.VerdictCache;
import java.io.File;
import java.util.Optional;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.logging.Log;

/**
 * The verdict cache a run uses: in {@code cacheDirectory}, else in {@code db-guard/cache} beside the local
 * repository (so {@code mvn clean} keeps it and a CI runner that keeps {@code ~/.m2} keeps it too); none when
 * {@code cache} is off or the provider is not {@code embedded}, whose server version no input decides.
 */
final class VerdictCaches {

    private VerdictCaches() {
    }

    static Optional<VerdictCache> of(boolean enabled, String provider, File cacheDirectory, MavenSession session,
                                     Log log) {
        if (!enabled) {
            return Optional.empty();
        }
        String chosen = DatabaseProviders.chosen(provider);
        if (!chosen.equals(DatabaseProviders.EMBEDDED)) {
            log.info("db-guard: verdict cache not used with provider " + chosen
                    + " (the server's version is known only once it runs)");
            return Optional.empty();
        }
        if (cacheDirectory != null) {
            return Optional.of(new VerdictCache(cacheDirectory.toPath()));
        }
        File repository = session == null || session.getRepositorySession() == null
                || session.getRepositorySession().getLocalRepository() == null
                ? null : session.getRepositorySession().getLocalRepository().getBasedir();
        if (repository == null) {
            log.warn("db-guard: verdict cache not used: no local repository to put it beside; set cacheDirectory");
            return Optional.empty();
        }
        return Optional.of(new VerdictCache(VerdictCache.defaultDirectory(repository.toPath())));
    }
}
