package dev.dbguard.core.report;

import dev.dbguard.core.api.DbGuardVersion;
import dev.dbguard.core.api.GuardConfig;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A SHA-256 over everything an analysis depends on: the db-guard version and jar, every setting of {@link GuardConfig}
 * except those that only decide what happens with the result ({@code failOnSeverity}, {@code reportDirectory}),
 * the contents of any file a setting names, and every file under the migration locations (path and contents). Settings are read from the record's
 * components, so a setting added later is part of the fingerprint without anyone remembering to add it.
 */
public final class AnalysisFingerprint {

    private static final Set<String> RESULT_ONLY = Set.of("failOnSeverity", "reportDirectory");

    private AnalysisFingerprint() {
    }

    public static String of(GuardConfig config) {
        return of(config, true);
    }

    /**
     * The fingerprint without the migration locations and the files under them, for a key that names the migrations
     * it depends on itself (the first few of them, say): where those files live does not change what they do.
     */
    public static String ofSettings(GuardConfig config) {
        return of(config, false);
    }

    private static String of(GuardConfig config, boolean migrations) {
        MessageDigest digest = Digest.sha256();
        Digest.text(digest, "db-guard " + DbGuardVersion.VALUE);
        code(digest);
        for (RecordComponent component : GuardConfig.class.getRecordComponents()) {
            if (RESULT_ONLY.contains(component.getName()) || !migrations && component.getName().equals("migrations")) {
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
            Digest.text(digest, component.getName() + "=" + stable);
            if (value instanceof Path path && Files.isRegularFile(path)) {
                Digest.file(digest, path); // a setting that names a file (a baseline, say) depends on what it holds
            }
        }
        if (migrations) {
            for (Path location : config.migrations()) {
                files(digest, location);
            }
        }
        return Digest.hex(digest);
    }

    private static void files(MessageDigest digest, Path location) {
        Digest.text(digest, "location " + location.toAbsolutePath().normalize());
        if (!Files.exists(location)) {
            Digest.text(digest, "missing");
            return;
        }
        Digest.tree(digest, location, "the migrations");
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
                    Digest.file(digest, location);
                }
            }
        } catch (java.net.URISyntaxException | SecurityException e) {
            Digest.text(digest, "code location unknown");
        }
    }
}
