package dev.dbguard.core.report;

import dev.dbguard.core.api.DbGuardException;
import dev.dbguard.core.api.DbGuardVersion;
import dev.dbguard.core.api.GuardConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A SHA-256 over everything an analysis depends on: the db-guard version and jar, every setting of {@link GuardConfig}
 * except those that only decide what happens with the result ({@code failOnSeverity}, {@code reportDirectory}),
 * the contents of any file a setting names, and every file under the migration locations (path and contents). Settings are read from the record's
 * components, so a setting added later is part of the fingerprint without anyone remembering to add it.
 */
public final class AnalysisFingerprint {

    private static final Set<String> RESULT_ONLY = Set.of("failOnSeverity", "reportDirectory");
    private static final long LARGE = 4L * 1024 * 1024;

    private AnalysisFingerprint() {
    }

    public static String of(GuardConfig config) {
        MessageDigest digest = sha256();
        update(digest, "db-guard " + DbGuardVersion.VALUE);
        code(digest);
        for (RecordComponent component : GuardConfig.class.getRecordComponents()) {
            if (RESULT_ONLY.contains(component.getName())) {
                continue;
            }
            Object value;
            try {
                value = component.getAccessor().invoke(config);
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException("cannot read GuardConfig." + component.getName(), e);
            }
            // Map.copyOf iterates in no fixed order: sort, so equal settings give equal fingerprints
            Object stable = value instanceof Map<?, ?> map ? new TreeMap<>(map) : value;
            update(digest, component.getName() + "=" + stable);
            if (value instanceof Path path && Files.isRegularFile(path)) {
                file(digest, path); // a setting that names a file (a baseline, say) depends on what it holds
            }
        }
        for (Path location : config.migrations()) {
            files(digest, location);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static void files(MessageDigest digest, Path location) {
        update(digest, "location " + location.toAbsolutePath().normalize());
        if (!Files.exists(location)) {
            update(digest, "missing");
            return;
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(location)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException | UncheckedIOException e) {
            throw new DbGuardException("cannot list the migrations in " + location + ": " + e.getMessage(), e);
        }
        for (Path file : files) {
            update(digest, "file " + location.relativize(file));
            file(digest, file);
        }
    }

    /**
     * The db-guard code itself when it runs from a jar: a snapshot rebuilt under the same version judges
     * differently, so its stored analyses must not be reused.
     */
    private static void code(MessageDigest digest) {
        try {
            java.security.CodeSource source = DbGuardVersion.class.getProtectionDomain().getCodeSource();
            if (source != null && source.getLocation() != null && "file".equals(source.getLocation().getProtocol())) {
                Path location = Path.of(source.getLocation().toURI());
                if (Files.isRegularFile(location)) {
                    file(digest, location);
                }
            }
        } catch (java.net.URISyntaxException | SecurityException e) {
            update(digest, "code location unknown");
        }
    }

    /** A file's contents; for a large one (the PostgreSQL binaries jar) its size and time stamp stand in. */
    private static void file(MessageDigest digest, Path file) {
        try {
            long size = Files.size(file);
            if (size > LARGE) {
                update(digest, "size " + size + " modified " + Files.getLastModifiedTime(file).toMillis());
            } else {
                digest.update(Files.readAllBytes(file));
            }
        } catch (IOException e) {
            throw new DbGuardException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static void update(MessageDigest digest, String text) {
        digest.update(text.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java has no SHA-256", e);
        }
    }
}
