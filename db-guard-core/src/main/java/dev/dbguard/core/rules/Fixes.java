package dev.dbguard.core.rules;

import dev.dbguard.core.api.GuardConfig;
import dev.dbguard.core.catalog.Constraint;
import dev.dbguard.core.catalog.QualifiedName;
import dev.dbguard.core.catalog.Sql;
import dev.dbguard.core.catalog.Table;
import dev.dbguard.core.tenancy.TenantModel;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** SQL snippets that fixes share, always with the real names. */
public final class Fixes {

    private static final Pattern STRING_LITERAL = Pattern.compile("[Ee]?'(?:[^'\\\\]|''|\\\\.)*'");
    /** A cast as PostgreSQL prints it: {@code ::uuid}, {@code ::character varying(40)[]}, {@code ::"My Type"}. */
    private static final Pattern CAST = Pattern.compile("::\\s*(?:\"[^\"]+\"|[A-Za-z_][\\w.]*)"
            + "(?:\\s+(?:varying|precision|with(?:out)?\\s+time\\s+zone))?(?:\\s*\\(\\s*\\d+(?:\\s*,\\s*\\d+)?\\s*\\))?(?:\\[\\])*");
    private static final Pattern CONSTANT_WORDS = Pattern.compile("(?i)\\b(?:true|false)\\b");

    private Fixes() {
    }

    /** The setting the application's {@code tenantContext} writes, e.g. {@code app.tenant_id}. */
    public static String tenantSetting(GuardConfig config) {
        return TenantModel.tenantSetting(config.tenantContext());
    }

    /** {@code tenant_id = current_setting('app.tenant_id')::uuid}: the row belongs to the caller's tenant. */
    public static String tenantPredicate(GuardConfig config, String column, String type) {
        return Sql.ident(column) + " = current_setting(" + Sql.literal(tenantSetting(config)) + ")::" + type;
    }

    /**
     * True when a default expression is a constant: literals, casts and operators only ({@code 1},
     * {@code ('0000…'::text)::uuid}, {@code (1 + 0)}); anything that names a function or a column is not, and
     * {@code NULL} is no default at all.
     */
    public static boolean isConstant(String expression) {
        if (expression == null) {
            return false;
        }
        String rest = STRING_LITERAL.matcher(expression).replaceAll("0");
        rest = CAST.matcher(rest).replaceAll("");
        rest = CONSTANT_WORDS.matcher(rest).replaceAll("0");
        return rest.chars().noneMatch(ch -> Character.isLetter(ch) || ch == '_' || ch == '"');
    }

    /** A constraint or index name derived from a table, PostgreSQL-style, within the 63-byte limit. */
    public static String name(Table table, String... parts) {
        StringBuilder name = new StringBuilder(table.name().name());
        for (String part : parts) {
            name.append('_').append(part);
        }
        return name.length() > 63 ? name.substring(0, 63) : name.toString();
    }

    /** The tenants table's key column: its single-column primary key, else {@code id}. */
    public static String tenantKey(Optional<Table> tenants) {
        return tenants.flatMap(t -> t.constraints(Constraint.Type.PRIMARY_KEY).stream()
                        .filter(pk -> pk.columns().size() == 1).map(pk -> pk.columns().get(0)).findFirst())
                .orElse("id");
    }

    /** {@code ENABLE} and {@code FORCE ROW LEVEL SECURITY} on the table. */
    public static String enableAndForce(QualifiedName table) {
        return "ALTER TABLE " + table.sql() + " ENABLE ROW LEVEL SECURITY;\n"
                + "ALTER TABLE " + table.sql() + " FORCE ROW LEVEL SECURITY;";
    }

    public static String joinColumns(List<String> columns) {
        return String.join(", ", columns.stream().map(c -> c == null ? "<expression>" : Sql.ident(c)).toList());
    }
}
