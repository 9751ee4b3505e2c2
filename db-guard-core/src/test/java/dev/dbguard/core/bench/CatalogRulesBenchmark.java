package dev.dbguard.core.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbguard.core.api.GuardConfig;
import dev.dbguard.core.catalog.CatalogReader;
import dev.dbguard.core.catalog.CatalogSnapshot;
import dev.dbguard.core.postgres.ThrowawayPostgres;
import dev.dbguard.core.api.Finding;
import dev.dbguard.core.rules.BuiltInRules;
import dev.dbguard.core.rules.Rule;
import dev.dbguard.core.rules.SchemaContext;
import dev.dbguard.core.rules.SchemaRule;
import dev.dbguard.core.api.SourceLocator;
import dev.dbguard.core.testing.SharedPostgres;
import dev.dbguard.core.postgres.JdbcDatabaseProvider;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Snapshot plus every schema rule on a generated schema of 2,000 tables (tenant columns, indexes, FKs between
 * tenant tables, RLS and policies). Run with {@code ./mvnw -Pbench -pl db-guard-core verify}. Target: under
 * 2 seconds for snapshot plus rules on a 2-core machine. Prints warm-up and measured figures.
 */
@Tag("bench")
class CatalogRulesBenchmark {

    private static final int TABLES = 2_000;

    @Test
    void snapshotAndRulesOnTwoThousandTables() throws Exception {
        ThrowawayPostgres shared = SharedPostgres.server();
        try (ThrowawayPostgres db = new JdbcDatabaseProvider(shared.jdbcUrl(), shared.adminUser(), null).create();
             Connection c = db.connectAsAdmin()) {
            long setup = System.nanoTime();
            generate(c);
            System.out.printf("bench: generated %d tables in %.1f s%n", TABLES, (System.nanoTime() - setup) / 1e9);
            GuardConfig config = GuardConfig.builder().migration(java.nio.file.Path.of(".")).build();

            List<Long> snapshots = new ArrayList<>();
            List<Long> rules = new ArrayList<>();
            int findings = 0;
            for (int run = 0; run < 6; run++) {
                long t0 = System.nanoTime();
                CatalogSnapshot snapshot = CatalogReader.read(c, List.of("public"));
                long t1 = System.nanoTime();
                SchemaContext context = SchemaContext.of(snapshot, config, SourceLocator.NONE);
                List<Finding> all = new ArrayList<>();
                for (Rule rule : BuiltInRules.all()) {
                    if (rule instanceof SchemaRule schemaRule) {
                        all.addAll(schemaRule.check(context));
                    }
                }
                long t2 = System.nanoTime();
                assertThat(snapshot.tables()).hasSize(TABLES + 1);
                findings = all.size();
                if (run > 0) { // the first run warms up the JIT
                    snapshots.add(t1 - t0);
                    rules.add(t2 - t1);
                }
            }
            double snapshotMs = median(snapshots) / 1e6;
            double rulesMs = median(rules) / 1e6;
            System.out.printf("bench: %d tables: snapshot %.0f ms, rules %.0f ms, total %.0f ms (median of %d runs), %d findings%n",
                    TABLES, snapshotMs, rulesMs, snapshotMs + rulesMs, snapshots.size(), findings);
        }
    }

    private static double median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    /**
     * Each table: tenant_id with FK and index, a composite FK to the previous table (tenant-safe), RLS forced,
     * a tenant policy; every 10th table gets a flaw (a unique without tenant, an always-true policy) so the rules
     * have work that produces findings.
     */
    private static void generate(Connection c) throws Exception {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE tenants (id uuid PRIMARY KEY)");
            StringBuilder batch = new StringBuilder();
            for (int i = 0; i < TABLES; i++) {
                String t = "t" + i;
                batch.append("CREATE TABLE ").append(t).append(" (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, ")
                        .append("tenant_id uuid NOT NULL REFERENCES tenants (id), code text, ")
                        .append(i > 0 ? "parent_id bigint, " : "")
                        .append("created_at timestamptz NOT NULL DEFAULT now(), UNIQUE (tenant_id, id)")
                        .append(i > 0 ? ", FOREIGN KEY (tenant_id, parent_id) REFERENCES t" + (i - 1) + " (tenant_id, id)" : "")
                        .append(");\n");
                batch.append("CREATE INDEX ON ").append(t).append(" (tenant_id, code);\n");
                batch.append("ALTER TABLE ").append(t).append(" ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;\n");
                batch.append("CREATE POLICY tenant_isolation ON ").append(t)
                        .append(" USING (tenant_id = current_setting('app.tenant_id')::uuid);\n");
                if (i % 10 == 0) {
                    batch.append("CREATE UNIQUE INDEX ON ").append(t).append(" (code);\n");
                    batch.append("CREATE POLICY open_read ON ").append(t).append(" FOR SELECT USING (true);\n");
                }
                if (i % 100 == 99) {
                    s.execute(batch.toString());
                    batch.setLength(0);
                }
            }
            s.execute("ANALYZE");
        }
    }
}
