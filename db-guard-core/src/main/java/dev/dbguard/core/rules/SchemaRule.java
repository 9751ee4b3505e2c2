package dev.dbguard.core.rules;

import dev.dbguard.core.api.Finding;
import java.util.List;

/** A rule judged on the final schema, after every migration was applied. */
public non-sealed interface SchemaRule extends Rule {

    List<Finding> check(SchemaContext context);
}
