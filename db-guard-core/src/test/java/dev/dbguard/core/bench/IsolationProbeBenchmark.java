package dev.dbguard.core.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbguard.core.api.GuardConfig;
import dev.dbguard.core.api.RunListener;
import dev.dbguard.core.catalog.CatalogReader;
import dev.dbguard.core.catalog.CatalogSnapshot;
import dev.dbguard.core.postgres.JdbcDatabaseProvider;
import dev.dbguard.core.postgres.ThrowawayPostgres;
import dev.dbguard.core.probe.IsolationProbe;
import dev.dbguard.core.api.Finding;
import dev.dbguard.core.rules.RuleSettings;
import dev.dbguard.core.rules.SchemaContext;
import dev.dbguard.core.api.SourceLocator;
import dev.dbguard.core.testing.SharedPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Synthetic data plus the isolation probe on 500 tenant tables (composite foreign keys chaining every table to
 * the one before, a CHECK, an enum, an array; every 25th table with a leaking policy so the probe has findings
 * to report). Run with {@code ./mvnw -B -Pbench -pl db-guard-core test -Dtest=IsolationProbeBenchmark
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("bench")
class IsolationProbeBenchmark {

    private static final int TABLES = Integer.getInteger("bench.tables", 500);

    @Test
    void syntheticDataAndProbeOnFiveHundredTenantTables() throws Exception {
        ThrowawayPostgres shared = SharedPostgres.server();
        try (ThrowawayPostgres db = new JdbcDatabaseProvider(shared.jdbcUrl(), shared.adminUser(), null).create();
             Connection c = db.connectAsAdmin()) {
            generate(c);
            GuardConfig config = GuardConfig.builder().migration(java.nio.file.Path.of(".")).build();
            CatalogSnapshot snapshot = CatalogReader.read(c, List.of("public"));
            SchemaContext context = SchemaContext.of(snapshot, config, SourceLocator.NONE);
            StringBuilder progress = new StringBuilder();
            RunListener listener = new RunListener() {
                @Override
                public void progress(String message) {
                    progress.append(message).append('\n');
                }

                @Override
                public void warning(String message) {
                    progress.append("WARNING ").append(message).append('\n');
                }
            };
            long t0 = System.nanoTime();
            List<Finding> findings = dev.dbguard.core.probe.ProbeVerdict.run(db, context, RuleSettings.parse(Map.of()), listener);
            long millis = (System.nanoTime() - t0) / 1_000_000;
            System.out.print(progress);
            System.out.printf("bench: %d tenant tables: synthetic data and probe %d ms, %d findings%n", TABLES, millis,
                    findings.size());
            assertThat(findings.stream().filter(f -> f.rule().equals("probe-skipped"))).isEmpty();
            assertThat(findings.stream().filter(f -> f.rule().equals("isolation-read-leak"))).hasSize(TABLES / 25);
            // nothing the probe did stays behind
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM t0")) {
                rs.next();
                assertThat(rs.getLong(1)).isZero();
            }
        }
    }

    private static void generate(Connection c) throws Exception {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE tenants (id uuid PRIMARY KEY, name text NOT NULL)");
            s.execute("CREATE TYPE state AS ENUM ('open', 'closed')");
            StringBuilder batch = new StringBuilder();
            for (int i = 0; i < TABLES; i++) {
                String t = "t" + i;
                batch.append("CREATE TABLE ").append(t).append(" (id bigint GENERATED ALWAYS AS IDENTITY, ")
                        .append("tenant_id uuid NOT NULL REFERENCES tenants (id), code text NOT NULL, ")
                        .append("quantity integer NOT NULL CHECK (quantity BETWEEN 1 AND 9), state state NOT NULL, ")
                        .append("tags text[], ")
                        .append(i > 0 ? "parent_id bigint NOT NULL, " : "")
                        .append("created_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (tenant_id, id)")
                        .append(i > 0 ? ", FOREIGN KEY (tenant_id, parent_id) REFERENCES t" + (i - 1) + " (tenant_id, id)" : "")
                        .append(");\n");
                batch.append("ALTER TABLE ").append(t).append(" ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;\n");
                batch.append("CREATE POLICY tenant_isolation ON ").append(t).append(i % 25 == 24
                        ? " USING (true);\n"
                        : " USING (tenant_id = current_setting('app.tenant_id')::uuid);\n");
            }
            s.execute(batch.toString());
        }
    }
}
