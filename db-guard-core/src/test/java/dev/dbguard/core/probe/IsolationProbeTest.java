package dev.dbguard.core.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dbguard.core.api.GuardConfig;
import dev.dbguard.core.api.RunListener;
import dev.dbguard.core.catalog.CatalogReader;
import dev.dbguard.core.catalog.CatalogSnapshot;
import dev.dbguard.core.postgres.ThrowawayPostgres;
import dev.dbguard.core.api.Finding;
import dev.dbguard.core.api.ProbeCoverage;
import dev.dbguard.core.rules.RuleSettings;
import dev.dbguard.core.rules.SchemaContext;
import dev.dbguard.core.api.SourceLocator;
import dev.dbguard.core.testing.SharedPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The probe on a real PostgreSQL: what it finds, as whom it asks, and that it leaves nothing behind. */
class IsolationProbeTest {

    private static final String SCHEMA = """
            CREATE TABLE tenants (id uuid PRIMARY KEY, name text NOT NULL);
            CREATE TABLE projects (
                id serial PRIMARY KEY,
                tenant_id uuid NOT NULL REFERENCES tenants (id),
                name text NOT NULL
            );
            CREATE INDEX ON projects (tenant_id);
            ALTER TABLE projects ENABLE ROW LEVEL SECURITY;
            ALTER TABLE projects FORCE ROW LEVEL SECURITY;
            CREATE POLICY everyone ON projects USING (true);
            CREATE TABLE documents (
                id uuid PRIMARY KEY,
                tenant_id uuid NOT NULL REFERENCES tenants (id),
                title text NOT NULL
            );
            CREATE INDEX ON documents (tenant_id);
            ALTER TABLE documents ENABLE ROW LEVEL SECURITY;
            ALTER TABLE documents FORCE ROW LEVEL SECURITY;
            CREATE POLICY tenant_isolation ON documents
                USING (tenant_id = current_setting('app.tenant_id')::uuid);
            -- rows the migrations seeded: they must survive the probe untouched
            INSERT INTO tenants VALUES ('00000000-0000-4000-8000-000000000001', 'seed');
            INSERT INTO projects (tenant_id, name) VALUES ('00000000-0000-4000-8000-000000000001', 'seeded');
            """;

    @Test
    void findsTheLeakAndLeavesTheDatabaseAsTheMigrationsMadeIt() throws Exception {
        try (ThrowawayPostgres db = SharedPostgres.scratchDatabases().provision(config(null), RunListener.SILENT);
             Connection admin = db.connectAsAdmin()) {
            execute(admin, SCHEMA);
            StringBuilder progress = new StringBuilder();
            List<Finding> findings = probe(db, admin, config(null), progress);

            assertThat(findings).extracting(f -> f.rule() + " " + f.table()).containsExactlyInAnyOrder(
                    "isolation-read-leak public.projects", "isolation-write-leak public.projects");
            Finding read = findings.stream().filter(f -> f.rule().equals("isolation-read-leak")).findFirst().orElseThrow();
            // tenant A's 2 rows are visible, and 3 that are not A's: B's 2 and the seeded one
            assertThat(read.message()).contains("returned 5 rows: 3 not tenant A's (2 of tenant B)")
                    .doesNotContain("seeded");
            assertThat(read.object()).isEqualTo("everyone");
            assertThat(progress).contains("generated role with SELECT, INSERT, UPDATE, DELETE on every tenant table");

            assertThat(count(admin, "SELECT count(*) FROM tenants")).isEqualTo(1);
            assertThat(count(admin, "SELECT count(*) FROM projects WHERE name = 'seeded'")).isEqualTo(1);
            assertThat(count(admin, "SELECT count(*) FROM projects")).isEqualTo(1);
            assertThat(count(admin, "SELECT count(*) FROM documents")).isZero();
            assertThat(count(admin, "SELECT last_value FROM projects_id_seq")).isEqualTo(1);
            assertThat(count(admin, "SELECT count(*) FROM pg_roles WHERE rolname LIKE 'dbguard_probe_%'")).isZero();
        }
    }

    @Test
    void anAppRoleThatBypassesRlsIsReplacedByAGeneratedRoleWithItsGrants() throws Exception {
        String role = "probe_admin_" + Long.toHexString(System.nanoTime());
        try (ThrowawayPostgres db = SharedPostgres.scratchDatabases().provision(config(role), RunListener.SILENT);
             Connection admin = db.connectAsAdmin()) {
            execute(admin, SCHEMA + "CREATE ROLE " + role + " BYPASSRLS;\n"
                    + "GRANT SELECT, INSERT, UPDATE, DELETE ON projects, documents TO " + role + ";\n");
            try {
                StringBuilder progress = new StringBuilder();
                List<Finding> findings = probe(db, admin, config(role), progress);
                // with the app role's own BYPASSRLS every table would leak; the stand-in shows what the policies do
                assertThat(findings).extracting(f -> f.rule() + " " + f.table()).containsExactlyInAnyOrder(
                        "isolation-read-leak public.projects", "isolation-write-leak public.projects");
                assertThat(progress).contains("a generated role with " + role + "'s grants");
                assertThat(count(admin, "SELECT count(*) FROM pg_roles WHERE rolname LIKE 'dbguard_probe_%'")).isZero();
            } finally {
                execute(admin, "DROP OWNED BY " + role + "; DROP ROLE " + role);
            }
        }
    }

    @Test
    void probeRulesSwitchedOffRunNothing() throws Exception {
        try (ThrowawayPostgres db = SharedPostgres.scratchDatabases().provision(config(null), RunListener.SILENT);
             Connection admin = db.connectAsAdmin()) {
            execute(admin, SCHEMA);
            CatalogSnapshot snapshot = CatalogReader.read(admin, List.of("public"));
            SchemaContext context = SchemaContext.of(snapshot, config(null), SourceLocator.NONE);
            RuleSettings off = RuleSettings.parse(Map.of("isolation-read-leak", "off", "isolation-write-leak", "off",
                    "isolation-fail-open", "off", "probe-skipped", "off"));
            assertThat(ProbeVerdict.run(db, context, off, RunListener.SILENT)).isEmpty();
        }
    }

    @Test
    void aMissingFixtureFileIsAClearErrorAndLeavesNothingBehind() throws Exception {
        try (ThrowawayPostgres db = SharedPostgres.scratchDatabases().provision(config(null), RunListener.SILENT);
             Connection admin = db.connectAsAdmin()) {
            execute(admin, SCHEMA);
            GuardConfig config = config(null).toBuilder().fixtures(List.of(Path.of("no-such-fixtures.sql"))).build();
            assertThatThrownBy(() -> probe(db, admin, config, new StringBuilder()))
                    .isInstanceOf(dev.dbguard.core.api.DbGuardException.class)
                    .hasMessageContaining("fixtures: no-such-fixtures.sql does not exist");
            assertThat(count(admin, "SELECT count(*) FROM tenants")).isEqualTo(1);
            assertThat(count(admin, "SELECT count(*) FROM pg_roles WHERE rolname LIKE 'dbguard_probe_%'")).isZero();
        }
    }

    @Test
    void aTenantContextThatSetsTheWrongSettingIsAConfigurationErrorNotAPass() throws Exception {
        GuardConfig wrong = config(null).toBuilder().tenantContext("SET app.tenant = '{tenant}'").build();
        try (ThrowawayPostgres db = SharedPostgres.scratchDatabases().provision(wrong, RunListener.SILENT);
             Connection admin = db.connectAsAdmin()) {
            execute(admin, """
                    CREATE TABLE tenants (id uuid PRIMARY KEY, name text NOT NULL);
                    CREATE TABLE documents (
                        id uuid PRIMARY KEY,
                        tenant_id uuid NOT NULL REFERENCES tenants (id),
                        title text NOT NULL
                    );
                    ALTER TABLE documents ENABLE ROW LEVEL SECURITY;
                    ALTER TABLE documents FORCE ROW LEVEL SECURITY;
                    CREATE POLICY tenant_isolation ON documents
                        USING (tenant_id = current_setting('app.tenant_id', true)::uuid);
                    """);
            assertThatThrownBy(() -> probe(db, admin, wrong, new StringBuilder()))
                    .isInstanceOf(dev.dbguard.core.api.DbGuardException.class)
                    .hasMessageContaining("tenantContext SET app.tenant = '{tenant}'")
                    .hasMessageContaining("tenant A saw none of its own rows")
                    .hasMessageContaining("The policies read app.tenant_id");
            assertThat(count(admin, "SELECT count(*) FROM documents")).isZero();
            assertThat(count(admin, "SELECT count(*) FROM pg_roles WHERE rolname LIKE 'dbguard_probe_%'")).isZero();
        }
    }

    @Test
    void aTableWhereTenantASeesNoneOfItsOwnRowsIsSkippedNotIsolated() throws Exception {
        try (ThrowawayPostgres db = SharedPostgres.scratchDatabases().provision(config(null), RunListener.SILENT);
             Connection admin = db.connectAsAdmin()) {
            execute(admin, SCHEMA + """
                    CREATE TABLE invoices (
                        id uuid PRIMARY KEY,
                        tenant_id uuid NOT NULL REFERENCES tenants (id),
                        total integer NOT NULL
                    );
                    CREATE INDEX ON invoices (tenant_id);
                    ALTER TABLE invoices ENABLE ROW LEVEL SECURITY;
                    ALTER TABLE invoices FORCE ROW LEVEL SECURITY;
                    CREATE POLICY by_org ON invoices USING (tenant_id = current_setting('app.org_id', true)::uuid);
                    """);
            CatalogSnapshot snapshot = CatalogReader.read(admin, List.of("public"));
            SchemaContext context = SchemaContext.of(snapshot, config(null), SourceLocator.NONE);
            ProbeVerdict outcome = ProbeVerdict.probe(db, context, RuleSettings.parse(Map.of()),
                    RunListener.SILENT);

            assertThat(outcome.findings()).extracting(f -> f.rule() + " " + f.table()).containsExactlyInAnyOrder(
                    "isolation-read-leak public.projects", "isolation-write-leak public.projects",
                    "probe-skipped public.invoices");
            assertThat(outcome.findings()).filteredOn(f -> f.rule().equals("probe-skipped")).first()
                    .extracting(Finding::message).asString()
                    .contains("tenant A could not see its own rows in public.invoices");
            assertThat(outcome.coverage()).isEqualTo(new ProbeCoverage(3, 2, 1, List.of()));
            assertThat(outcome.skipped()).containsExactly("public.invoices");
        }
    }

    @Test
    void platformTablesInTheirOwnSchemaAreFilledOnceForEveryTenantTable() throws Exception {
        try (ThrowawayPostgres db = SharedPostgres.scratchDatabases().provision(config(null), RunListener.SILENT);
             Connection admin = db.connectAsAdmin()) {
            execute(admin, """
                    CREATE SCHEMA platform;
                    CREATE TABLE platform.users (id uuid PRIMARY KEY, email text NOT NULL UNIQUE);
                    CREATE TABLE tenants (
                        id uuid PRIMARY KEY,
                        owner_id uuid NOT NULL REFERENCES platform.users (id)
                    );
                    CREATE TABLE projects (
                        id uuid PRIMARY KEY,
                        tenant_id uuid NOT NULL REFERENCES tenants (id),
                        created_by uuid NOT NULL REFERENCES platform.users (id)
                    );
                    CREATE INDEX ON projects (tenant_id);
                    ALTER TABLE projects ENABLE ROW LEVEL SECURITY;
                    ALTER TABLE projects FORCE ROW LEVEL SECURITY;
                    CREATE POLICY tenant_isolation ON projects
                        USING (tenant_id = current_setting('app.tenant_id')::uuid);
                    """);
            CatalogSnapshot snapshot = CatalogReader.read(admin, List.of("public"));
            SchemaContext context = SchemaContext.of(snapshot, config(null), SourceLocator.NONE);
            ProbeVerdict outcome = ProbeVerdict.probe(db, context, RuleSettings.parse(Map.of()),
                    RunListener.SILENT);

            assertThat(outcome.findings()).isEmpty();
            assertThat(outcome.coverage()).isEqualTo(new ProbeCoverage(1, 1, 0, List.of()));
            assertThat(count(admin, "SELECT count(*) FROM platform.users")).isZero();
        }
    }

    @Test
    void membershipTenancyLinksOneUserPerTenantAndJudgesThePoliciesThroughIt() throws Exception {
        GuardConfig membership = config(null).toBuilder()
                .tenantColumns(List.of("account_id")).tenantTable("accounts")
                .tenantContext("SELECT set_config('request.jwt.claim.sub', '{user}', false)")
                .membershipTable("account_user").build();
        try (ThrowawayPostgres db = SharedPostgres.scratchDatabases().provision(membership, RunListener.SILENT);
             Connection admin = db.connectAsAdmin()) {
            execute(admin, """
                    CREATE SCHEMA auth;
                    CREATE TABLE auth.users (id uuid PRIMARY KEY, email text NOT NULL);
                    CREATE FUNCTION auth.uid() RETURNS uuid LANGUAGE sql STABLE AS
                        $$ SELECT nullif(current_setting('request.jwt.claim.sub', true), '')::uuid $$;
                    CREATE TABLE accounts (id uuid PRIMARY KEY, name text NOT NULL);
                    CREATE TABLE account_user (
                        account_id uuid NOT NULL REFERENCES accounts (id),
                        user_id uuid NOT NULL REFERENCES auth.users (id),
                        PRIMARY KEY (account_id, user_id)
                    );
                    CREATE FUNCTION has_role_on_account(account uuid) RETURNS boolean
                        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS
                        $$ SELECT EXISTS (SELECT 1 FROM account_user m WHERE m.account_id = account
                                                                     AND m.user_id = auth.uid()) $$;
                    CREATE TABLE notes (
                        id uuid PRIMARY KEY,
                        account_id uuid NOT NULL REFERENCES accounts (id),
                        body text NOT NULL
                    );
                    ALTER TABLE notes ENABLE ROW LEVEL SECURITY;
                    ALTER TABLE notes FORCE ROW LEVEL SECURITY;
                    CREATE POLICY members ON notes USING (has_role_on_account(account_id));
                    ALTER TABLE account_user ENABLE ROW LEVEL SECURITY;
                    ALTER TABLE account_user FORCE ROW LEVEL SECURITY;
                    CREATE POLICY own ON account_user FOR SELECT USING (user_id = auth.uid());
                    CREATE TABLE files (
                        id uuid PRIMARY KEY,
                        account_id uuid NOT NULL REFERENCES accounts (id),
                        path text NOT NULL
                    );
                    ALTER TABLE files ENABLE ROW LEVEL SECURITY;
                    ALTER TABLE files FORCE ROW LEVEL SECURITY;
                    CREATE POLICY signed_in ON files USING (auth.uid() IS NOT NULL);
                    """);
            CatalogSnapshot snapshot = CatalogReader.read(admin, List.of("public"));
            SchemaContext context = SchemaContext.of(snapshot, membership, SourceLocator.NONE);
            StringBuilder progress = new StringBuilder();
            ProbeVerdict outcome = ProbeVerdict.probe(db, context, RuleSettings.parse(Map.of()),
                    listener(progress));

            assertThat(outcome.findings()).extracting(f -> f.rule() + " " + f.table()).containsExactlyInAnyOrder(
                    "isolation-read-leak public.files", "isolation-write-leak public.files");
            assertThat(outcome.coverage()).isEqualTo(new ProbeCoverage(3, 3, 0, List.of()));
            assertThat(progress).contains("membership tenancy through public.account_user");
            assertThat(count(admin, "SELECT count(*) FROM auth.users")).isZero();
            assertThat(count(admin, "SELECT count(*) FROM account_user")).isZero();
        }
    }

    @Test
    void aUserContextWithoutAMembershipTableSaysWhatToSet() {
        assertThatThrownBy(() -> config(null).toBuilder()
                .tenantContext("SET request.jwt.claim.sub = '{user}'").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("membershipTable is not set")
                .hasMessageContaining("dbguard.membershipTable");
    }

    @Test
    void aMembershipTableMissingAfterTheMigrationsIsAClearError() throws Exception {
        GuardConfig membership = config(null).toBuilder()
                .tenantContext("SET request.jwt.claim.sub = '{user}'").membershipTable("memberships").build();
        try (ThrowawayPostgres db = SharedPostgres.scratchDatabases().provision(membership, RunListener.SILENT);
             Connection admin = db.connectAsAdmin()) {
            execute(admin, SCHEMA);
            CatalogSnapshot snapshot = CatalogReader.read(admin, List.of("public"));
            SchemaContext context = SchemaContext.of(snapshot, membership, SourceLocator.NONE);
            assertThatThrownBy(() -> ProbeVerdict.probe(db, context, RuleSettings.parse(Map.of()), RunListener.SILENT))
                    .isInstanceOf(dev.dbguard.core.api.DbGuardException.class)
                    .hasMessageContaining("membershipTable memberships does not exist after the migrations");
        }
    }

    private static RunListener listener(StringBuilder progress) {
        return new RunListener() {
            @Override
            public void progress(String message) {
                progress.append(message).append('\n');
            }

            @Override
            public void warning(String message) {
                progress.append("WARNING ").append(message).append('\n');
            }
        };
    }

    private static List<Finding> probe(ThrowawayPostgres db, Connection admin, GuardConfig config, StringBuilder progress)
            throws Exception {
        CatalogSnapshot snapshot = CatalogReader.read(admin, List.of("public"));
        SchemaContext context = SchemaContext.of(snapshot, config, SourceLocator.NONE);
        return ProbeVerdict.run(db, context, RuleSettings.parse(Map.of()), listener(progress));
    }

    private static void execute(Connection c, String sql) throws Exception {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static long count(Connection c, String sql) throws Exception {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static GuardConfig config(String appRole) {
        return GuardConfig.builder().migration(Path.of("unused")).appRole(appRole).build();
    }
}
