package dev.dbguard.core.cache;

import dev.dbguard.core.api.GuardConfig;
import dev.dbguard.core.api.MigrationSettings;
import dev.dbguard.core.postgres.PostgresBinaries;
import dev.dbguard.core.report.AnalysisFingerprint;
import dev.dbguard.core.report.Digest;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Collection;
import java.util.List;

/**
 * The key of a cached verdict: {@link AnalysisFingerprint} (db-guard's version and jar, every setting that decides
 * the verdict, the migration files in order with their contents) plus what the fingerprint does not reach and a
 * verdict kept across builds depends on: the contents of every file or folder a setting names (fixtures, rollback
 * scripts, a Liquibase changelog and its folder), the init scripts, the packages of Flyway's {@code classpath:}
 * locations on the project's class path (Java migrations, packaged scripts), and the PostgreSQL binaries with the
 * platform they run on.
 *
 * <p>Only the embedded provider has a key: its server is decided by the binaries, known before anything starts.
 * A Docker image tag or an existing server can change version between two builds without any input changing.
 */
public final class VerdictKey {

    private VerdictKey() {
    }

    /** The key of a run of {@code config} on the embedded PostgreSQL, with {@code initScripts} run first. */
    public static String embedded(GuardConfig config, List<Path> initScripts) {
        MessageDigest digest = Digest.sha256();
        Digest.text(digest, "analysis " + AnalysisFingerprint.of(config));
        Digest.text(digest, "embedded PostgreSQL " + PostgresBinaries.binariesVersion(config.postgresVersion())
                + (config.postgresBinaries() == null ? " bundled" : " from " + config.postgresBinaries().getFileName())
                + " on " + System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        for (Path script : initScripts) {
            contents(digest, "init script", script);
        }
        paths(digest, config);
        paths(digest, config.migrationSettings());
        MigrationSettings settings = config.migrationSettings();
        if (settings.changeLogFile() != null && settings.changeLogFile().getParent() != null) {
            // a changelog includes files relative to itself
            contents(digest, "changelog folder", settings.changeLogFile().getParent());
        }
        List<String> packages = settings.locations().stream().filter(l -> l.startsWith("classpath:"))
                .map(l -> l.substring("classpath:".length()).replace('.', '/').replaceAll("^/+", "")).toList();
        if (!packages.isEmpty() && settings.classLoader() instanceof URLClassLoader loader) {
            for (URL url : loader.getURLs()) {
                classPathEntry(digest, url, packages);
            }
        }
        return Digest.hex(digest);
    }

    /** Every {@code Path} and collection of paths among a record's components, by contents. */
    private static void paths(MessageDigest digest, Record record) {
        for (RecordComponent component : record.getClass().getRecordComponents()) {
            if (component.getName().equals("reportDirectory") || component.getName().equals("migrations")) {
                continue; // where the result goes; the migrations, which the analysis fingerprint has read
            }
            Object value;
            try {
                value = component.getAccessor().invoke(record);
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException("cannot read " + component, e);
            }
            if (value instanceof Path path) {
                contents(digest, component.getName(), path);
            } else if (value instanceof Collection<?> values) {
                for (Object element : values) {
                    if (element instanceof Path path) {
                        contents(digest, component.getName(), path);
                    }
                }
            }
        }
    }

    /** A file's bytes, or every file under a folder by relative path and bytes; a missing path as missing. */
    private static void contents(MessageDigest digest, String what, Path path) {
        Digest.text(digest, what + " " + path.toAbsolutePath().normalize());
        if (Files.isRegularFile(path)) {
            Digest.file(digest, path);
        } else if (Files.isDirectory(path)) {
            Digest.tree(digest, path, what);
        } else {
            Digest.text(digest, "missing");
        }
    }

    /**
     * A class path entry as far as Flyway's {@code classpath:} locations read it: in a folder (target/classes,
     * rebuilt by every {@code mvn clean}) the locations' packages by contents, so a change elsewhere in the
     * application keeps the verdict; a jar by name, size and time stamp (jars in the local repository do not
     * change under their name).
     */
    private static void classPathEntry(MessageDigest digest, URL url, List<String> packages) {
        Path path;
        try {
            path = Path.of(url.toURI());
        } catch (URISyntaxException | IllegalArgumentException e) {
            Digest.text(digest, "class path " + url);
            return;
        }
        if (Files.isDirectory(path)) {
            for (String location : packages) {
                contents(digest, "class path", path.resolve(location));
            }
        } else {
            Digest.text(digest, "class path " + path);
            try {
                Digest.text(digest, Files.exists(path) ? "size " + Files.size(path) + " modified "
                        + Files.getLastModifiedTime(path).toMillis() : "missing");
            } catch (IOException e) {
                Digest.text(digest, "unreadable");
            }
        }
    }
}
