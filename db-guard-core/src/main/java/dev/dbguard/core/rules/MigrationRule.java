package dev.dbguard.core.rules;

import dev.dbguard.core.api.Finding;
import java.util.List;

/**
 * A rule judged on one migration: what its statements did to tables that existed before it began, and, for
 * release rules, what the earlier migrations of its release did. Migrations already in production are not judged.
 */
public non-sealed interface MigrationRule extends Rule {

    List<Finding> check(MigrationContext context);
}
