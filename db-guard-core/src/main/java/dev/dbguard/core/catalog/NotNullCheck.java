package dev.dbguard.core.catalog;

import java.util.regex.Pattern;

/**
 * Whether a CHECK constraint, as {@code pg_get_constraintdef} prints it, guarantees that a column holds no NULL:
 * one of its conjuncts is {@code column IS NOT NULL}. A check with an OR anywhere is not counted, since the OR
 * could make the IS NOT NULL optional. Validation is the caller's to judge: a NOT VALID check still lets old
 * rows be NULL.
 */
public final class NotNullCheck {

    private NotNullCheck() {
    }

    public static boolean proves(String definition, String column) {
        Pattern isNotNull = Pattern.compile("\\(\"?" + Pattern.quote(column) + "\"? IS NOT NULL\\)");
        return !definition.contains(" OR ") && isNotNull.matcher(definition).find();
    }
}
