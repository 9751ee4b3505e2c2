package dev.dbguard.core.report;

import dev.dbguard.core.DbGuard;
import dev.dbguard.core.api.GuardConfig;
import dev.dbguard.core.api.RunListener;
import dev.dbguard.core.testing.RuleFixtures;
import dev.dbguard.core.testing.SharedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Real runs for the report tests: migration folders under src/test/resources/reports, on the shared server. */
final class ReportFixtures {

    static final Path ROOT = Path.of("src", "test", "resources", "reports");

    private ReportFixtures() {
    }

    static AnalysisResult run(Path folder) {
        return new DbGuard(SharedPostgres.scratchDatabases()).run(config(folder), RunListener.SILENT);
    }

    static GuardConfig config(Path folder) {
        return RuleFixtures.config(folder);
    }

    /** A copy of {@code folder} in {@code target} with every script's statements moved down by {@code lines} lines. */
    static Path shifted(Path folder, Path target, int lines) {
        try (Stream<Path> files = Files.list(folder)) {
            Files.createDirectories(target);
            for (Path file : files.toList()) {
                String text = Files.readString(file);
                if (file.getFileName().toString().endsWith(".sql")) {
                    text = "-- moved down\n".repeat(lines) + text;
                }
                Files.writeString(target.resolve(file.getFileName()), text);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return target;
    }
}
