package dev.dbguard.core.catalog;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Small helpers to write SQL text for fixes: identifiers and literals quoted as PostgreSQL needs. */
public final class Sql {

    private static final Pattern PLAIN_IDENT = Pattern.compile("[a-z_][a-z0-9_$]*");
    // reserved words that must be quoted as identifiers (PostgreSQL's fully reserved keywords)
    private static final Set<String> RESERVED = Set.of("all", "analyse", "analyze", "and", "any", "array", "as",
            "asc", "asymmetric", "both", "case", "cast", "check", "collate", "column", "constraint", "create",
            "current_catalog", "current_date", "current_role", "current_time", "current_timestamp",
            "current_user", "default", "deferrable", "desc", "distinct", "do", "else", "end", "except", "false",
            "fetch", "for", "foreign", "from", "grant", "group", "having", "in", "initially", "intersect", "into",
            "lateral", "leading", "limit", "localtime", "localtimestamp", "not", "null", "offset", "on", "only",
            "or", "order", "placing", "primary", "references", "returning", "select", "session_user", "some",
            "symmetric", "system_user", "table", "then", "to", "trailing", "true", "union", "unique", "user",
            "using", "variadic", "when", "where", "window", "with");

    private Sql() {
    }

    public static String ident(String name) {
        if (PLAIN_IDENT.matcher(name).matches() && !RESERVED.contains(name.toLowerCase(Locale.ROOT))) {
            return name;
        }
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    public static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }
}
