package dev.dbguard.core.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dbguard.core.GuardConfig;
import dev.dbguard.core.RunListener;
import dev.dbguard.core.catalog.CatalogReader;
import dev.dbguard.core.catalog.CatalogSnapshot;
import dev.dbguard.core.postgres.ThrowawayPostgres;
import dev.dbguard.core.report.Finding;
import dev.dbguard.core.rules.RuleSettings;
import dev.dbguard.core.rules.SchemaContext;
import dev.dbguard.core.rules.SourceLocator;
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
            assertThat(IsolationProbe.run(db, context, off, RunListener.SILENT)).isEmpty();
        }
    }

    @Test
    void aMissingFixtureFileIsAClearErrorAndLeavesNothingBehind() throws Exception {
        try (ThrowawayPostgres db = SharedPostgres.scratchDatabases().provision(config(null), RunListener.SILENT);
             Connection admin = db.connectAsAdmin()) {
            execute(admin, SCHEMA);
            GuardConfig config = config(null).toBuilder().fixtures(List.of(Path.of("no-such-fixtures.sql"))).build();
            assertThatThrownBy(() -> probe(db, admin, config, new StringBuilder()))
                    .isInstanceOf(dev.dbguard.core.DbGuardException.class)
                    .hasMessageContaining("fixtures: no-such-fixtures.sql does not exist");
            assertThat(count(admin, "SELECT count(*) FROM tenants")).isEqualTo(1);
            assertThat(count(admin, "SELECT count(*) FROM pg_roles WHERE rolname LIKE 'dbguard_probe_%'")).isZero();
        }
    }

    private static List<Finding> probe(ThrowawayPostgres db, Connection admin, GuardConfig config, StringBuilder progress)
            throws Exception {
        CatalogSnapshot snapshot = CatalogReader.read(admin, List.of("public"));
        SchemaContext context = SchemaContext.of(snapshot, config, SourceLocator.NONE);
        return IsolationProbe.run(db, context, RuleSettings.parse(Map.of()), new RunListener() {
            @Override
            public void progress(String message) {
                progress.append(message).append('\n');
            }

            @Override
            public void warning(String message) {
                progress.append("WARNING ").append(message).append('\n');
            }
        });
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
