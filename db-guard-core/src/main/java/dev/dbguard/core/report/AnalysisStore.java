package dev.dbguard.core.report;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.dbguard.core.api.DbGuardException;
import dev.dbguard.core.api.DbGuardVersion;
import dev.dbguard.core.api.GuardConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The full result of one run, kept in {@code <reportDirectory>/db-guard-analysis.json} beside the fingerprint of
 * its inputs ({@link AnalysisFingerprint}), so {@code check} and {@code report} in one build start PostgreSQL once:
 * whichever runs first writes it, the other reads it while the fingerprint still matches. An internal file (plain
 * Jackson data binding of the result records), not a contract like {@code db-guard.json}.
 */
public final class AnalysisStore {

    public static final String FILE_NAME = "db-guard-analysis.json";

    /** The stored form: the fingerprint of the inputs, the db-guard version that wrote it, the result. */
    record Stored(String fingerprint, String toolVersion, AnalysisResult result) {
    }

    private static final ObjectMapper MAPPER = new ObjectMapper()
            // the record components are the data; helper methods such as summary() and worst() are not
            .setVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
            .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private final Path file;

    public AnalysisStore(Path reportDirectory) {
        this.file = reportDirectory.resolve(FILE_NAME);
    }

    public Path file() {
        return file;
    }

    /** Keeps {@code result} as the analysis of the inputs {@code config} describes. */
    public Path write(AnalysisResult result, GuardConfig config) {
        byte[] bytes;
        try {
            bytes = MAPPER.writeValueAsBytes(new Stored(AnalysisFingerprint.of(config), DbGuardVersion.VALUE, result));
        } catch (IOException e) {
            throw new DbGuardException("cannot write the analysis " + file + ": " + e.getMessage(), e);
        }
        return ReportFiles.write(file.getParent(), file.getFileName().toString(), bytes, "analysis");
    }

    /**
     * The stored result when it was made from the same inputs as {@code config} describes now; empty when the
     * file is missing, stale, from another db-guard version, or unreadable (then the analysis simply runs again).
     */
    public Optional<AnalysisResult> readIfCurrent(GuardConfig config) {
        Stored stored;
        try {
            stored = MAPPER.readValue(file.toFile(), Stored.class);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (JacksonException e) {
            return Optional.empty();
        } catch (IOException e) {
            if (!Files.exists(file)) {
                return Optional.empty();
            }
            throw new DbGuardException("cannot read the analysis " + file + ": " + e.getMessage(), e);
        }
        if (stored == null || stored.result() == null || !DbGuardVersion.VALUE.equals(stored.toolVersion())
                || !AnalysisFingerprint.of(config).equals(stored.fingerprint())) {
            return Optional.empty();
        }
        return Optional.of(stored.result());
    }
}
