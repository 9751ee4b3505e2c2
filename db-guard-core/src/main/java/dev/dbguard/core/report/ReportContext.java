package dev.dbguard.core.report;

import dev.dbguard.core.api.FailThreshold;
import dev.dbguard.core.api.Finding;
import dev.dbguard.core.api.GuardConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What report writers need besides the result.
 *
 * @param reportDirectory    where report files go
 * @param baseDirectory      the project root: SARIF points at migrations relative to it, as code scanning expects
 * @param migrationLocations the migration locations, in order, to find the file a finding's relative path names
 * @param failOn             the build's {@code failOnSeverity}: the JUnit report fails exactly what fails the build
 * @param baselined          findings marked suppressed by the baseline rather than by an inline comment
 */
public record ReportContext(Path reportDirectory, Path baseDirectory, List<Path> migrationLocations,
                           FailThreshold failOn, Set<Finding> baselined) {

    public ReportContext {
        Objects.requireNonNull(reportDirectory, "reportDirectory");
        baseDirectory = (baseDirectory == null ? Path.of("") : baseDirectory).toAbsolutePath().normalize();
        migrationLocations = List.copyOf(migrationLocations);
        failOn = failOn == null ? FailThreshold.ERROR : failOn;
        baselined = baselined == null ? Set.of() : Set.copyOf(baselined);
    }

    public static ReportContext of(GuardConfig config, Path baseDirectory) {
        return new ReportContext(config.reportDirectory(), baseDirectory, config.migrations(),
                config.failOnSeverity(), Set.of());
    }

    public ReportContext withReportDirectory(Path directory) {
        return new ReportContext(directory, baseDirectory, migrationLocations, failOn, baselined);
    }

    public ReportContext withBaselined(Set<Finding> findings) {
        return new ReportContext(reportDirectory, baseDirectory, migrationLocations, failOn, findings);
    }

    /**
     * The migration {@code file} (relative to its location) as a path relative to the project root, with '/'
     * separators: the first location holding the file wins, as discovery applies locations in order. A location
     * outside the project root gives the path as seen from the root ({@code ../common/V1__a.sql}).
     */
    public String projectRelative(String file) {
        Path found = null;
        for (Path location : migrationLocations) {
            Path candidate = location.resolve(file);
            if (Files.isRegularFile(candidate)) {
                found = candidate;
                break;
            }
        }
        if (found == null) {
            found = migrationLocations.isEmpty() ? Path.of(file) : migrationLocations.get(0).resolve(file);
        }
        Path absolute = found.toAbsolutePath().normalize();
        String relative = baseDirectory.relativize(absolute).toString();
        return relative.replace(java.io.File.separatorChar, '/');
    }
}
