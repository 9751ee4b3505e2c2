package dev.dbguard.core.history;

import dev.dbguard.core.api.DbGuardException;
import dev.dbguard.core.api.InvalidParameterException;
import dev.dbguard.core.journal.AppliedScript;
import dev.dbguard.core.migration.FlywayVersion;
import dev.dbguard.core.migration.Migration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Which migrations are deployed together with one version of the application code. Ordering rules look inside
 * one release: what the previous release's code, still running while this one deploys, can and cannot do.
 * <ul>
 *   <li>{@code per-migration} (default): every migration file is its own release;</li>
 *   <li>{@code major-version}: versioned migrations sharing their first version segment ({@code V3_1}, {@code V3_2})
 *       form one release;</li>
 *   <li>{@code marker}: a migration holding the line {@code -- db-guard:release} starts a new release; the ones
 *       after it join it until the next marker.</li>
 * </ul>
 * Migrations at or below {@code productionVersion} are already deployed: they form no release with later ones
 * and are not judged by ordering, data-loss and locking rules.
 */
public final class Releases {

    public static final List<String> MODES = List.of("per-migration", "major-version", "marker");
    private static final Pattern MARKER = Pattern.compile("(?m)^\\s*--\\s*db-guard:release\\s*$");

    private Releases() {
    }

    /**
     * Checks {@code releases} and {@code productionVersion}, the one place that does.
     *
     * @throws InvalidParameterException naming the parameter, the value and what to use instead
     */
    public static void validate(String mode, String productionVersion) {
        if (!MODES.contains(mode.toLowerCase(Locale.ROOT))) {
            throw new InvalidParameterException("releases", "'" + mode + "' is not a grouping; use "
                    + String.join(", ", MODES));
        }
        if (productionVersion != null && FlywayVersion.parse(productionVersion) == null) {
            throw new InvalidParameterException("productionVersion", "'" + productionVersion
                    + "' is not a Flyway version (numbers separated by '.' or '_', e.g. 3.1, 3.2.1 or 4_1)");
        }
    }

    /** True when the migration is at or below the production version. */
    public static boolean inProduction(Migration migration, String productionVersion) {
        if (productionVersion == null || migration.version() == null) {
            return false;
        }
        return FlywayVersion.parse(migration.version()).compareTo(FlywayVersion.parse(productionVersion)) <= 0;
    }

    /** The release of each script, in order. {@code texts} are the scripts' contents, read for markers. */
    public static List<String> assign(List<AppliedScript> scripts, List<String> texts, String mode,
                                      String productionVersion) {
        List<String> releases = new ArrayList<>();
        String markerRelease = null;
        for (int i = 0; i < scripts.size(); i++) {
            Migration migration = scripts.get(i).migration();
            if (inProduction(migration, productionVersion)) {
                releases.add("production:" + migration.file());
                markerRelease = null; // the next migration starts a release of its own
                continue;
            }
            switch (mode.toLowerCase(Locale.ROOT)) {
                case "major-version" -> releases.add(migration.version() == null ? migration.file()
                        : "V" + FlywayVersion.parse(migration.version()).parts().get(0));
                case "marker" -> {
                    if (markerRelease == null || MARKER.matcher(texts.get(i)).find()) {
                        markerRelease = migration.file();
                    }
                    releases.add(markerRelease);
                }
                default -> releases.add(migration.file());
            }
        }
        return releases;
    }
}
