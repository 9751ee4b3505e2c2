package dev.dbguard.core.migration;

import dev.dbguard.core.api.RunListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Finds the migrations in the configured locations and puts them in the order they are applied.
 *
 * <p>A location that holds Flyway-named scripts is read with Flyway's rules:
 * {@code V<version>__<description>.sql} in version order (numbers separated by '.' or '_', compared
 * number by number), then {@code R__<description>.sql} in description order; {@code U<version>__} undo
 * scripts are not applied, and other {@code .sql} files are ignored with a warning (Flyway ignores them
 * too, except SQL callbacks such as {@code afterMigrate.sql}, which db-guard does not run). Scripts in subfolders count. Two scripts with one version, or two repeatable scripts with one
 * description, are an error, as in Flyway. Several Flyway locations are merged into one order.
 *
 * <p>A location without any Flyway-named script is a plain folder: every {@code .sql} file in it, in
 * natural order ({@code 2_x.sql} before {@code 10_x.sql}). Plain locations are applied one after the
 * other, in the order given. Flyway and plain locations cannot be mixed. Files not ending in
 * {@code .sql} are ignored everywhere.
 */
public final class MigrationDiscovery {

    private static final String SUFFIX = ".sql";
    private static final String SEPARATOR = "__";
    /** Flyway SQL callbacks: beforeMigrate.sql, afterEachMigrate__audit.sql, createSchema.sql, ... */
    private static final Pattern CALLBACK = Pattern.compile("(?:(?:before|after)[A-Z][A-Za-z]*|createSchema)(?:__.*)?\\.sql");
    private static final Pattern BASELINE = Pattern.compile("B[0-9]+(?:[._][0-9]+)*__.*\\.sql");

    private MigrationDiscovery() {
    }

    /** {@link #discover(List, RunListener)} without warnings. */
    public static List<Migration> discover(List<Path> locations) {
        return discover(locations, RunListener.SILENT);
    }

    /**
     * The migrations of all locations, in the order they are applied.
     *
     * @param listener told about {@code .sql} files a Flyway location holds that are not migrations
     * @throws MigrationException when a location does not exist, holds no migration, two migrations share
     *                            a version, or Flyway and plain locations are mixed
     */
    public static List<Migration> discover(List<Path> locations, RunListener listener) {
        Objects.requireNonNull(listener, "listener");
        if (locations == null || locations.isEmpty()) {
            throw new MigrationException(null, 0, null,
                    "no migrations location given: set the `migrations` parameter to the folder of the migration scripts");
        }
        List<Scan> scans = new ArrayList<>();
        for (Path location : locations) {
            scans.add(scan(location));
        }
        Scan flyway = scans.stream().filter(Scan::isFlyway).findFirst().orElse(null);
        if (flyway == null) {
            List<Migration> all = new ArrayList<>();
            scans.forEach(s -> all.addAll(s.plain));
            return List.copyOf(all);
        }
        for (Scan scan : scans) {
            if (!scan.isFlyway()) {
                throw new MigrationException(display(scan.location), 0, null, "migrations location "
                        + display(scan.location) + " holds plain .sql files (" + scan.plain.get(0).file()
                        + ") while " + display(flyway.location) + " holds Flyway migrations ("
                        + flyway.firstFlywayFile() + "), so their order is unknown: give them Flyway names"
                        + " (V<version>__<description>.sql) or remove that location from the `migrations` parameter");
            }
        }
        List<Versioned> versioned = new ArrayList<>();
        List<Migration> repeatable = new ArrayList<>();
        for (Scan scan : scans) {
            versioned.addAll(scan.versioned);
            repeatable.addAll(scan.repeatable);
            for (String ignored : scan.ignored) {
                listener.warning(ignoredWarning(ignored, scan.location));
            }
        }
        versioned.sort(Comparator.comparing(Versioned::version)
                .thenComparing(v -> v.migration().file(), NaturalOrder::comparePaths));
        for (int i = 1; i < versioned.size(); i++) {
            Versioned a = versioned.get(i - 1);
            Versioned b = versioned.get(i);
            if (a.version().compareTo(b.version()) == 0) {
                throw new MigrationException(b.migration().file(), 0, null, "two migrations have version "
                        + a.version() + ": " + describe(a.migration(), b.migration()) + " and "
                        + describe(b.migration(), a.migration())
                        + "; Flyway refuses that, give one of them another version");
            }
        }
        repeatable.sort(Comparator.comparing(Migration::description)
                .thenComparing(Migration::file, NaturalOrder::comparePaths));
        for (int i = 1; i < repeatable.size(); i++) {
            Migration a = repeatable.get(i - 1);
            Migration b = repeatable.get(i);
            if (a.description().equals(b.description())) {
                throw new MigrationException(b.file(), 0, null, "two repeatable migrations have the description \""
                        + a.description() + "\": " + describe(a, b) + " and " + describe(b, a)
                        + "; Flyway refuses that, rename one of them");
            }
        }
        List<Migration> all = new ArrayList<>();
        versioned.forEach(v -> all.add(v.migration()));
        all.addAll(repeatable);
        return List.copyOf(all);
    }

    private record Versioned(FlywayVersion version, Migration migration) {
    }

    /** What one location holds. */
    private static final class Scan {
        final Path location;
        final List<Versioned> versioned = new ArrayList<>();
        final List<Migration> repeatable = new ArrayList<>();
        final List<String> undo = new ArrayList<>();
        final List<String> ignored = new ArrayList<>();
        final List<Migration> plain = new ArrayList<>();

        Scan(Path location) {
            this.location = location;
        }

        boolean isFlyway() {
            return !versioned.isEmpty() || !repeatable.isEmpty() || !undo.isEmpty();
        }

        String firstFlywayFile() {
            return !versioned.isEmpty() ? versioned.get(0).migration().file()
                    : !repeatable.isEmpty() ? repeatable.get(0).file() : undo.get(0);
        }
    }

    private static Scan scan(Path location) {
        if (!Files.exists(location)) {
            throw new MigrationException(display(location), 0, null, "migrations location " + display(location)
                    + " does not exist: the `migrations` parameter points there;"
                    + " set it to the folder that holds the migration scripts");
        }
        if (!Files.isDirectory(location)) {
            throw new MigrationException(display(location), 0, null, "migrations location " + display(location)
                    + " is a file, not a folder: the `migrations` parameter must name folders");
        }
        List<String> files = sqlFiles(location);
        files.sort(NaturalOrder::comparePaths);
        Scan scan = new Scan(location);
        List<String> others = new ArrayList<>();
        for (String file : files) {
            Path path = location.resolve(file);
            String name = file.substring(file.lastIndexOf('/') + 1);
            String base = name.substring(0, name.length() - SUFFIX.length());
            int separator = base.indexOf(SEPARATOR, 1);
            String prefix = base.substring(0, 1);
            FlywayVersion version = separator > 1 ? FlywayVersion.parse(base.substring(1, separator)) : null;
            String description = separator > 0 ? base.substring(separator + SEPARATOR.length()).replace('_', ' ') : null;
            if (prefix.equals("V") && version != null) {
                scan.versioned.add(new Versioned(version, new Migration(location, path, file, version.text(),
                        description, Migration.Kind.VERSIONED)));
            } else if (prefix.equals("R") && separator == 1) {
                scan.repeatable.add(new Migration(location, path, file, null, description, Migration.Kind.REPEATABLE));
            } else if (prefix.equals("U") && version != null) {
                scan.undo.add(file);
            } else {
                others.add(file);
                scan.plain.add(new Migration(location, path, file, null, base, Migration.Kind.PLAIN));
            }
        }
        if (scan.isFlyway()) {
            scan.plain.clear();
            scan.ignored.addAll(others);
            if (scan.versioned.isEmpty() && scan.repeatable.isEmpty()) {
                throw new MigrationException(display(location), 0, null, "no migrations found in "
                        + display(location) + ": it holds only Flyway undo scripts (" + scan.undo.get(0)
                        + "), which are not applied");
            }
        } else if (scan.plain.isEmpty()) {
            throw new MigrationException(display(location), 0, null, "no migrations found in " + display(location)
                    + ": it holds no .sql file (Flyway names V1__init.sql, or plain scripts applied in name order);"
                    + " check the `migrations` parameter");
        }
        return scan;
    }

    private static String ignoredWarning(String file, Path location) {
        String name = file.substring(file.lastIndexOf('/') + 1);
        String where = file + " in " + display(location);
        if (CALLBACK.matcher(name).matches()) {
            return where + " is a Flyway callback script: Flyway runs it around migrations, db-guard does not"
                    + " apply or check it";
        }
        if (BASELINE.matcher(name).matches()) {
            return where + " is a Flyway baseline migration: db-guard applies the versioned migrations instead";
        }
        return where + " is not a Flyway migration name (V<version>__<description>.sql or"
                + " R__<description>.sql), so it is not applied; Flyway ignores it too";
    }

    /** Regular files ending in ".sql" under the location, as '/'-separated paths relative to it. */
    /**
     * The rollback scripts in {@code locations}: {@code U<version>__<description>.sql} (Flyway's undo naming), in
     * subfolders too, by version as {@link FlywayVersion#text()} gives it. Locations that do not exist hold none.
     *
     * @throws MigrationException when two scripts roll back one version
     */
    public static java.util.Map<String, Migration> rollbackScripts(List<Path> locations) {
        java.util.Map<String, Migration> scripts = new java.util.TreeMap<>();
        for (Path location : locations) {
            if (!Files.isDirectory(location)) {
                continue;
            }
            for (String file : sqlFiles(location)) {
                String name = file.substring(file.lastIndexOf('/') + 1);
                String base = name.substring(0, name.length() - SUFFIX.length());
                int separator = base.indexOf(SEPARATOR, 1);
                if (!base.startsWith("U") || separator <= 1) {
                    continue;
                }
                FlywayVersion version = FlywayVersion.parse(base.substring(1, separator));
                if (version == null) {
                    continue;
                }
                Migration script = new Migration(location, location.resolve(file), file, version.text(),
                        base.substring(separator + SEPARATOR.length()).replace('_', ' '), Migration.Kind.VERSIONED);
                Migration other = scripts.put(version.text(), script);
                if (other != null) {
                    throw new MigrationException(file, 0, null, "two rollback scripts for version " + version.text()
                            + ": " + other.file() + " and " + file + "; keep one");
                }
            }
        }
        return scripts;
    }

    private static List<String> sqlFiles(Path location) {
        List<String> files = new ArrayList<>();
        try {
            Files.walkFileTree(location, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE,
                    new SimpleFileVisitor<>() {
                        @Override
                        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                            String name = file.getFileName().toString();
                            if (attrs.isRegularFile() && name.endsWith(SUFFIX) && name.length() > SUFFIX.length()) {
                                files.add(relative(location, file));
                            }
                            return FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                            if (e instanceof FileSystemLoopException) {
                                return FileVisitResult.SKIP_SUBTREE;
                            }
                            throw e;
                        }
                    });
        } catch (IOException | UncheckedIOException e) {
            throw new MigrationException(display(location), 0, null, "cannot read migrations location "
                    + display(location) + ": " + e.getMessage());
        }
        return files;
    }

    private static String relative(Path location, Path file) {
        Path relative = location.relativize(file);
        StringBuilder s = new StringBuilder();
        for (Path part : relative) {
            if (s.length() > 0) {
                s.append('/');
            }
            s.append(part);
        }
        return s.toString();
    }

    /** The file, with its location when the other migration lives elsewhere. */
    private static String describe(Migration m, Migration other) {
        return m.location().equals(other.location()) ? m.file() : m.file() + " (in " + display(m.location()) + ")";
    }

    private static String display(Path location) {
        return location.toAbsolutePath().normalize().toString();
    }
}
