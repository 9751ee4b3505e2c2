package dev.dbguard.core.tenancy;

import dev.dbguard.core.catalog.CatalogSnapshot;
import dev.dbguard.core.catalog.Column;
import dev.dbguard.core.catalog.Constraint;
import dev.dbguard.core.catalog.QualifiedName;
import dev.dbguard.core.catalog.Table;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which tables hold tenant data, following docs/RULES.md:
 * <ul>
 *   <li>tenant column: named in {@code tenantColumns}, or a single-column foreign key to the tenants table;</li>
 *   <li>tenant-scoped table: has a tenant column;</li>
 *   <li>tenant-owned table: no tenant column, but a chain of child-to-parent foreign keys of any depth reaches a
 *       tenant-scoped table (a table only referenced by tenant tables is not tenant-owned);</li>
 *   <li>global table: matched by {@code globalTables}, the tenants table, or a migration tool's history table.</li>
 * </ul>
 * Partitions are tables like any other: they carry their parent's columns and foreign keys.
 */
public final class TenantModel {

    private static final java.util.regex.Pattern SET_COMMAND = java.util.regex.Pattern.compile(
            "(?i)\\bSET\\s+(?:SESSION\\s+|LOCAL\\s+)?([A-Za-z_][\\w$]*\\.[A-Za-z_][\\w$]*)\\s*(?:=|\\bTO\\b)");
    private static final java.util.regex.Pattern SET_CONFIG =
            java.util.regex.Pattern.compile("(?i)set_config\\s*\\(\\s*'([^']+)'");

    /** History tables of Flyway, Liquibase and Rails-style tools: never tenant data. */
    private static final List<Pattern> TOOL_TABLES = List.of(
            Pattern.compile("flyway_schema_history"),
            Pattern.compile("databasechangelog.*"),
            Pattern.compile("schema_migrations"));

    private final CatalogSnapshot snapshot;
    private final QualifiedName tenantTable;
    private final Set<String> tenantColumnNames;
    private final List<Pattern> globalPatterns;
    private final Map<QualifiedName, TableTenancy> tenancy = new LinkedHashMap<>();

    public TenantModel(CatalogSnapshot snapshot, List<String> tenantColumns, String tenantTable,
                       List<String> globalTables, List<String> schemas) {
        this.snapshot = snapshot;
        this.tenantColumnNames = new LinkedHashSet<>(tenantColumns);
        this.tenantTable = resolveTenantTable(snapshot, tenantTable, schemas);
        this.globalPatterns = globalTables.stream().map(TenantModel::globPattern).toList();
        classify();
    }

    /** The tenants table: as configured, looked up in {@code schemas} in order when unqualified. */
    private static QualifiedName resolveTenantTable(CatalogSnapshot snapshot, String configured, List<String> schemas) {
        if (configured.contains(".")) {
            return QualifiedName.parse(configured, schemas.get(0));
        }
        for (String schema : schemas) {
            QualifiedName candidate = new QualifiedName(schema, configured);
            if (snapshot.table(candidate).isPresent()) {
                return candidate;
            }
        }
        return new QualifiedName(schemas.get(0), configured);
    }

    private static Pattern globPattern(String glob) {
        StringBuilder regex = new StringBuilder();
        for (char ch : glob.trim().toCharArray()) {
            regex.append(ch == '*' ? ".*" : Pattern.quote(String.valueOf(ch)));
        }
        return Pattern.compile(regex.toString());
    }

    private void classify() {
        Map<QualifiedName, List<String>> columnsByTable = new HashMap<>();
        for (Table table : snapshot.tables()) {
            columnsByTable.put(table.name(), findTenantColumns(table));
        }
        for (Table table : snapshot.tables()) {
            if (isGlobal(table.name())) {
                tenancy.put(table.name(), new TableTenancy(Kind.GLOBAL, List.of(), List.of()));
            } else if (!columnsByTable.get(table.name()).isEmpty()) {
                tenancy.put(table.name(), new TableTenancy(Kind.SCOPED, columnsByTable.get(table.name()), List.of()));
            }
        }
        // tenant-owned: breadth-first from each remaining table along child-to-parent foreign keys, so the
        // path found is a shortest one; cycles end because each table is visited once
        for (Table table : snapshot.tables()) {
            if (tenancy.containsKey(table.name())) {
                continue;
            }
            List<ForeignKeyHop> path = pathToScoped(table);
            tenancy.put(table.name(), path.isEmpty()
                    ? new TableTenancy(Kind.UNRELATED, List.of(), List.of())
                    : new TableTenancy(Kind.OWNED, List.of(), path));
        }
    }

    private List<String> findTenantColumns(Table table) {
        Set<String> result = new LinkedHashSet<>();
        for (Column column : table.columns()) {
            if (tenantColumnNames.contains(column.name())) {
                result.add(column.name());
            }
        }
        for (Constraint fk : table.foreignKeys()) {
            if (fk.columns().size() == 1 && tenantTable.equals(fk.references())) {
                result.add(fk.columns().get(0));
            }
        }
        return List.copyOf(result);
    }

    private List<ForeignKeyHop> pathToScoped(Table start) {
        Map<QualifiedName, ForeignKeyHop> cameFrom = new HashMap<>();
        Deque<Table> queue = new ArrayDeque<>();
        Set<QualifiedName> seen = new LinkedHashSet<>();
        queue.add(start);
        seen.add(start.name());
        while (!queue.isEmpty()) {
            Table current = queue.poll();
            for (Constraint fk : current.foreignKeys()) {
                QualifiedName parent = fk.references();
                if (parent == null || seen.contains(parent) || isGlobal(parent)) {
                    continue;
                }
                Optional<Table> parentTable = snapshot.table(parent);
                if (parentTable.isEmpty()) {
                    continue; // a parent outside the configured schemas
                }
                seen.add(parent);
                cameFrom.put(parent, new ForeignKeyHop(current.name(), fk, parent));
                TableTenancy known = tenancy.get(parent);
                if (known != null && known.kind() == Kind.SCOPED) {
                    List<ForeignKeyHop> path = new ArrayList<>();
                    for (QualifiedName at = parent; !at.equals(start.name()); at = cameFrom.get(at).child()) {
                        path.add(0, cameFrom.get(at));
                    }
                    return path;
                }
                queue.add(parentTable.get());
            }
        }
        return List.of();
    }

    /** The setting a tenant context writes ({@code SET app.tenant_id = ...}, {@code set_config('app.tenant_id', ...)}), else {@code app.tenant_id}. */
    public static String tenantSetting(String tenantContext) {
        java.util.regex.Matcher set = SET_COMMAND.matcher(tenantContext);
        if (set.find()) {
            return set.group(1);
        }
        java.util.regex.Matcher setConfig = SET_CONFIG.matcher(tenantContext);
        return setConfig.find() ? setConfig.group(1) : "app.tenant_id";
    }

    /** True for a migration tool's own history table (Flyway, Liquibase, Rails-style tools). */
    public static boolean isToolTable(String tableName) {
        return TOOL_TABLES.stream().anyMatch(tool -> tool.matcher(tableName).matches());
    }

    public boolean isGlobal(QualifiedName table) {
        if (table.equals(tenantTable)) {
            return true;
        }
        if (isToolTable(table.name())) {
            return true;
        }
        for (Pattern pattern : globalPatterns) {
            if (pattern.matcher(table.name()).matches() || pattern.matcher(table.toString()).matches()) {
                return true;
            }
        }
        return false;
    }

    public QualifiedName tenantTable() {
        return tenantTable;
    }

    public Optional<Table> tenantTableIfPresent() {
        return snapshot.table(tenantTable);
    }

    public TableTenancy of(QualifiedName table) {
        return tenancy.getOrDefault(table, new TableTenancy(Kind.UNRELATED, List.of(), List.of()));
    }

    /** Tenant-scoped and tenant-owned tables, partitions included, in catalogue order. */
    public List<Table> tenantTables() {
        return snapshot.tables().stream().filter(t -> of(t.name()).isTenantTable()).toList();
    }

    public List<Table> scopedTables() {
        return snapshot.tables().stream().filter(t -> of(t.name()).kind() == Kind.SCOPED).toList();
    }

    public List<Table> ownedTables() {
        return snapshot.tables().stream().filter(t -> of(t.name()).kind() == Kind.OWNED).toList();
    }

    public boolean isTenantTable(QualifiedName table) {
        return of(table).isTenantTable();
    }

    public enum Kind { SCOPED, OWNED, GLOBAL, UNRELATED }

    /** One step of a tenant-owned table's way to its tenant: {@code child} holds {@code foreignKey} to {@code parent}. */
    public record ForeignKeyHop(QualifiedName child, Constraint foreignKey, QualifiedName parent) {
    }

    /**
     * @param tenantColumns for SCOPED tables, its tenant columns
     * @param pathToTenant  for OWNED tables, the foreign-key hops to the nearest tenant-scoped table
     */
    public record TableTenancy(Kind kind, List<String> tenantColumns, List<ForeignKeyHop> pathToTenant) {
        public boolean isTenantTable() {
            return kind == Kind.SCOPED || kind == Kind.OWNED;
        }
    }
}
