package dev.dbguard.core.catalog;

import java.util.List;

/**
 * A function or procedure.
 *
 * @param signature       {@code name(argtypes)} as {@code regprocedure} prints it
 * @param config          {@code proconfig}: settings fixed on the function, e.g. {@code search_path=pg_catalog, public}
 * @param body            {@code prosrc}: the source of a SQL or PL/pgSQL function
 * @param dependsOn       tables the function depends on through {@code pg_depend} (SQL functions with BEGIN ATOMIC)
 */
public record Function(long oid, QualifiedName name, String signature, String owner, String language,
                       boolean securityDefiner, List<String> config, String body, List<QualifiedName> dependsOn) {

    public Function {
        config = List.copyOf(config);
        dependsOn = List.copyOf(dependsOn);
    }

    /** True when the function fixes {@code search_path} itself. */
    public boolean hasFixedSearchPath() {
        return config.stream().anyMatch(c -> c.startsWith("search_path="));
    }
}
