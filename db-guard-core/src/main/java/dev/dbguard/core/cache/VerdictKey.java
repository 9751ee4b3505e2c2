package dev.dbguard.core.cache;

import dev.dbguard.core.api.GuardConfig;
import dev.dbguard.core.api.MigrationSettings;
import dev.dbguard.core.journal.AppliedScript;
import dev.dbguard.core.migration.Migration;
import dev.dbguard.core.migration.MigrationDiscovery;
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
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

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
        return Digest.hex(inputs(config, initScripts, true));
    }

    /**
     * The keys of the migrated states after the first migrations of {@code scripts} (plain SQL scripts, applied in
     * this order): element {@code p - 1} is the key of the state after the first {@code p}. Each is made of what
     * {@link #embedded} reads but the migration locations and the rollback scripts, plus those first scripts (file
     * and contents) and, when rollbacks are required, the rollback script of each of them: a migration added after
     * them, or its rollback script, leaves the key of the state before it as it was.
     */
    public static List<String> prefixes(GuardConfig config, List<Path> initScripts, List<AppliedScript> scripts) {
        MessageDigest digest = inputs(config, initScripts, false);
        Map<String, Migration> rollbacks = rollbacks(config);
        List<String> keys = new ArrayList<>();
        for (AppliedScript script : scripts) {
            Migration migration = script.migration();
            Digest.text(digest, "migration " + migration.file());
            Digest.file(digest, migration.path());
            Migration rollback = migration.version() == null ? null : rollbacks.get(migration.version());
            if (rollback != null) {
                Digest.text(digest, "rollback " + rollback.file());
                Digest.file(digest, rollback.path());
            }
            try {
                keys.add(Digest.hex((MessageDigest) digest.clone()));
            } catch (CloneNotSupportedException e) {
                throw new IllegalStateException("SHA-256 cannot be cloned here", e);
            }
        }
        return keys;
    }

    /**
     * The key of every input but the migration locations and the rollback scripts: the part of a migrated state's key
     * that is not the migrations it holds.
     */
    public static String settings(GuardConfig config, List<Path> initScripts) {
        return Digest.hex(inputs(config, initScripts, false));
    }

    /** The rollback scripts by version when rollbacks are required, else none. */
    static Map<String, Migration> rollbacks(GuardConfig config) {
        return config.requireRollback()
                ? MigrationDiscovery.rollbackScripts(config.rollbackMigrations().isEmpty()
                        ? config.migrations() : config.rollbackMigrations())
                : Map.of();
    }

    private static MessageDigest inputs(GuardConfig config, List<Path> initScripts, boolean migrations) {
        MessageDigest digest = Digest.sha256();
        Digest.text(digest, migrations ? "analysis " + AnalysisFingerprint.of(config)
                : "migrated state " + AnalysisFingerprint.ofSettings(config));
        Digest.text(digest, "embedded PostgreSQL " + PostgresBinaries.binariesVersion(config.postgresVersion())
                + (config.postgresBinaries() == null ? " bundled" : " from " + config.postgresBinaries().getFileName())
                + " on " + System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        for (Path script : initScripts) {
            contents(digest, "init script", script);
        }
        paths(digest, config, migrations);
        paths(digest, config.migrationSettings(), migrations);
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
        return digest;
    }

    /**
     * Every {@code Path} and collection of paths among a record's components, by contents; without the rollback
     * scripts' folders unless {@code rollbacks}.
     */
    private static void paths(MessageDigest digest, Record record, boolean rollbacks) {
        for (RecordComponent component : record.getClass().getRecordComponents()) {
            if (component.getName().equals("reportDirectory") || component.getName().equals("migrations")
                    || !rollbacks && component.getName().equals("rollbackMigrations")) {
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
