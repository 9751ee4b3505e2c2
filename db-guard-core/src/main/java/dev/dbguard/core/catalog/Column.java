package dev.dbguard.core.catalog;

/**
 * A table column.
 *
 * @param attnum       PostgreSQL's attribute number: stable across renames
 * @param type         {@code format_type()}: {@code character varying(40)}, {@code timestamp with time zone}
 * @param typeOid      the type's oid (of the base type for domains is not resolved)
 * @param defaultExpr  {@code pg_get_expr} of the default, or null
 * @param identity     'a' (ALWAYS), 'd' (BY DEFAULT) or '\0' when not an identity column
 * @param generated    true for a stored generated column
 * @param defaultDomain the domain whose DEFAULT {@code defaultExpr} is, when the column has none of its own
 */
public record Column(
        String name,
        int attnum,
        String type,
        long typeOid,
        boolean notNull,
        String defaultExpr,
        char identity,
        boolean generated,
        String defaultDomain) {

    public boolean hasDefault() {
        return defaultExpr != null || identity != '\0' || generated;
    }
}
