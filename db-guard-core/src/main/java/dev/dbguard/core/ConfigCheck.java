package dev.dbguard.core;

import dev.dbguard.core.api.GuardConfig;
import dev.dbguard.core.history.Releases;
import dev.dbguard.core.postgres.PostgresBinaries;
import dev.dbguard.core.rules.RuleSettings;

/**
 * The parameters {@link GuardConfig} cannot judge alone, checked before anything starts: rule ids against the
 * built-in rules, the release grouping and production version, the PostgreSQL version. Each check is the one its
 * package owns, so a fault has one message wherever it is found; {@link DbGuard#run} meets the same checks.
 */
public final class ConfigCheck {

    private ConfigCheck() {
    }

    /**
     * {@code config}, when every parameter holds.
     *
     * @throws dev.dbguard.core.api.InvalidParameterException naming the first parameter that does not
     */
    public static GuardConfig checked(GuardConfig config) {
        RuleSettings.parse(config.rules());
        Releases.validate(config.releases(), config.productionVersion());
        PostgresBinaries.binariesVersion(config.postgresVersion());
        return config;
    }
}
