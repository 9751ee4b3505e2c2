package dev.dbguard.core.catalog;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The schema as PostgreSQL holds it at one moment: immutable, read by {@link CatalogReader} in a few batched
 * queries. Tables, views and functions are those of the configured schemas; roles are the cluster's
 * (PostgreSQL's own {@code pg_*} roles left out). A class rather than a record only so its lookups are
 * indexed once.
 */
public final class CatalogSnapshot {

    private final String serverVersion;
    private final List<Table> tables;
    private final List<View> views;
    private final List<Function> functions;
    private final List<Role> roles;
    private final List<TablePrivilege> privileges;
    private final Map<QualifiedName, Table> tablesByName = new LinkedHashMap<>();
    private final Map<Long, Table> tablesByOid = new LinkedHashMap<>();
    private final Map<String, Role> rolesByName = new LinkedHashMap<>();
    private final Map<QualifiedName, List<TablePrivilege>> privilegesByTable;

    public CatalogSnapshot(String serverVersion, List<Table> tables, List<View> views, List<Function> functions,
                           List<Role> roles, List<TablePrivilege> privileges) {
        this.serverVersion = serverVersion;
        this.tables = List.copyOf(tables);
        this.views = List.copyOf(views);
        this.functions = List.copyOf(functions);
        this.roles = List.copyOf(roles);
        this.privileges = List.copyOf(privileges);
        for (Table table : this.tables) {
            tablesByName.put(table.name(), table);
            tablesByOid.put(table.oid(), table);
        }
        for (Role role : this.roles) {
            rolesByName.put(role.name(), role);
        }
        privilegesByTable = this.privileges.stream()
                .collect(java.util.stream.Collectors.groupingBy(TablePrivilege::table));
    }

    public String serverVersion() {
        return serverVersion;
    }

    public List<Table> tables() {
        return tables;
    }

    public List<View> views() {
        return views;
    }

    public List<Function> functions() {
        return functions;
    }

    public List<Role> roles() {
        return roles;
    }

    public List<TablePrivilege> privileges() {
        return privileges;
    }

    public Optional<Table> table(QualifiedName name) {
        return Optional.ofNullable(tablesByName.get(name));
    }

    public Optional<Table> table(long oid) {
        return Optional.ofNullable(tablesByOid.get(oid));
    }

    public Optional<Role> role(String name) {
        return Optional.ofNullable(rolesByName.get(name));
    }

    public List<TablePrivilege> privileges(QualifiedName table) {
        return privilegesByTable.getOrDefault(table, List.of());
    }
}
