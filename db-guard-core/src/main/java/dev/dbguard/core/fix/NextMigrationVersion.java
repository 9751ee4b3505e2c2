package dev.dbguard.core.fix;

import dev.dbguard.core.api.DbGuardException;
import dev.dbguard.core.migration.FlywayVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The version of the next Flyway migration, after every existing one and in the project's own style: integers
 * count on ({@code 7} after {@code 6}, {@code 007} after {@code 006}), dotted versions bump their last part
 * ({@code 1.2.4} after {@code 1.2.3}, {@code 2_2} after {@code 2_1}), timestamps take the current time in the same
 * pattern ({@code 20250101120000}), or the highest plus one when the clock is not later.
 */
public final class NextMigrationVersion {

    /** Timestamp versions by their number of digits: a date, then hours, minutes, seconds, milliseconds. */
    private static final Map<Integer, String> TIMESTAMPS = Map.of(
            8, "uuuuMMdd", 10, "uuuuMMddHH", 12, "uuuuMMddHHmm", 14, "uuuuMMddHHmmss", 17, "uuuuMMddHHmmssSSS");

    private NextMigrationVersion() {
    }

    /**
     * The version after all of {@code versions} (as written in file names, '.' or '_' between parts); {@code 1}
     * when there is none.
     */
    public static String after(Collection<String> versions, Instant now) {
        String highest = versions.stream()
                .filter(v -> FlywayVersion.parse(v) != null)
                .max(Comparator.comparing(FlywayVersion::parse))
                .orElse(null);
        if (highest == null) {
            return "1";
        }
        Matcher last = Pattern.compile("([0-9]+)$").matcher(highest);
        if (!last.find()) {
            throw new IllegalStateException("not a version: " + highest);
        }
        String head = highest.substring(0, last.start());
        String digits = last.group(1);
        if (head.isEmpty() && isTimestamp(digits)) {
            String stamp = DateTimeFormatter.ofPattern(TIMESTAMPS.get(digits.length()))
                    .withZone(ZoneOffset.UTC).format(now);
            if (new BigInteger(stamp).compareTo(new BigInteger(digits)) > 0) {
                return stamp;
            }
        }
        String next = new BigInteger(digits).add(BigInteger.ONE).toString();
        // keep zero padding: 009 -> 010
        String padded = "0".repeat(Math.max(0, digits.length() - next.length())) + next;
        return head + padded;
    }

    /**
     * The versions of the Flyway migrations and rollback scripts under {@code folders} (searched as Flyway does,
     * with sub-folders), as written in their file names.
     */
    public static List<String> versionsIn(List<Path> folders, String prefix, String undoPrefix) {
        Pattern name = Pattern.compile("(?:" + Pattern.quote(prefix) + "|" + Pattern.quote(undoPrefix)
                + ")([0-9]+(?:[._][0-9]+)*)__.*");
        List<String> versions = new ArrayList<>();
        for (Path folder : folders) {
            if (!Files.isDirectory(folder)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(folder)) {
                files.filter(Files::isRegularFile).forEach(file -> {
                    Matcher m = name.matcher(file.getFileName().toString());
                    if (m.matches()) {
                        versions.add(m.group(1));
                    }
                });
            } catch (IOException | UncheckedIOException e) {
                throw new DbGuardException("cannot list the migrations in " + folder + ": " + e.getMessage(), e);
            }
        }
        return versions;
    }

    /** A date-time as a migration version: a known length of digits that parses as a real date and time. */
    private static boolean isTimestamp(String digits) {
        String pattern = TIMESTAMPS.get(digits.length());
        if (pattern == null || !(digits.startsWith("19") || digits.startsWith("20"))) {
            return false;
        }
        try {
            DateTimeFormatter.ofPattern(pattern).withResolverStyle(ResolverStyle.STRICT).parse(digits);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
