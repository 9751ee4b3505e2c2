package dev.dbguard.core.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbguard.core.DbGuard;
import dev.dbguard.core.api.GuardConfig;
import dev.dbguard.core.api.RunListener;
import dev.dbguard.core.cache.PrefixCache;
import dev.dbguard.core.cache.VerdictCache;
import dev.dbguard.core.cache.VerdictKey;
import dev.dbguard.core.catalog.CatalogReader;
import dev.dbguard.core.catalog.CatalogSnapshot;
import dev.dbguard.core.history.MigrationStep;
import dev.dbguard.core.history.Releases;
import dev.dbguard.core.history.SchemaHistory;
import dev.dbguard.core.journal.AppliedScript;
import dev.dbguard.core.journal.DdlJournal;
import dev.dbguard.core.journal.JournalEntry;
import dev.dbguard.core.journal.JournalSourceLocator;
import dev.dbguard.core.journal.TableState;
import dev.dbguard.core.migration.Migration;
import dev.dbguard.core.migration.MigrationDiscovery;
import dev.dbguard.core.migration.MigrationRunner;
import dev.dbguard.core.migration.SqlScriptReader;
import dev.dbguard.core.migration.StatementListener;
import dev.dbguard.core.postgres.DatabaseProvisioner;
import dev.dbguard.core.postgres.JdbcDatabaseProvider;
import dev.dbguard.core.postgres.ThrowawayPostgres;
import dev.dbguard.core.report.AnalysisResult;
import dev.dbguard.core.api.AppliedMigration;
import dev.dbguard.core.api.Finding;
import dev.dbguard.core.rules.BuiltInRules;
import dev.dbguard.core.rules.MigrationContext;
import dev.dbguard.core.rules.MigrationRule;
import dev.dbguard.core.rules.Rule;
import dev.dbguard.core.rules.SchemaContext;
import dev.dbguard.core.rules.SchemaRule;
import dev.dbguard.core.testing.SharedPostgres;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole engine on 1,000 generated Flyway migrations over 200 tables (creates with rows, added columns, indexes,
 * RLS and policies, backfills, NOT VALID checks, renames, foreign keys, a few drops), against the same migrations
 * applied without any check. Run with
 * {@code ./mvnw -B -o -Pbench -pl db-guard-core test -Dtest=MigrationBenchmark -Dsurefire.failIfNoSpecifiedTests=false}.
 *
 * <ul>
 *   <li><b>db-guard</b>: {@code DbGuard.run} on a scratch database of the shared server: read the scripts, create the
 *       database, install the journal, apply every statement tagged, snapshot, history, every rule, drop the
 *       database.</li>
 *   <li><b>plain</b>: what a migration tool does, on a scratch database of the same server: read and split the
 *       scripts, create the database, apply every migration with {@link MigrationRunner} (one transaction per
 *       migration, as Flyway does) and no listener, drop the database.</li>
 * </ul>
 * Both run alternately after one warm-up round of each (JIT, server caches); the figures are the medians of the
 * measured rounds. Target: db-guard at most 1.5 times plain. Then the defaults (data rehearsal and isolation probe
 * on; target at most 3 times plain), the defaults again through the verdict cache with nothing changed (target under
 * 0.5 s) and, on a server of its own as the plugin runs it, with one migration added to the 1,000, continuing from
 * the migrated state kept after them (target under 2 s). A breakdown of db-guard's phases (the same
 * calls {@code DbGuard.run} makes, timed one by one) follows, to show where the difference goes.
 */
@Tag("bench")
class MigrationBenchmark {

    private static final int TABLES = 200;
    private static final int MIGRATIONS = 1_000;
    private static final int MEASURED_ROUNDS = 5;
    private static final int DEFAULTS_ROUNDS = 3;

    @TempDir
    Path migrations;

    @TempDir
    Path cacheDirectory;

    @Test
    void thousandMigrationsOverTwoHundredTables() throws Exception {
        int statements = generate(migrations);
        assertThat(MigrationDiscovery.discover(List.of(migrations))).hasSize(MIGRATIONS);
        // the journalled apply, the catalogue and every static rule against a plain apply, both
        // through db-guard's own runner (format plain); the data rehearsal (a second apply with rows) and the isolation
        // probe are extra passes, timed once on their own below
        GuardConfig config = GuardConfig.builder().migration(migrations)
                .migrationSettings(dev.dbguard.core.api.MigrationSettings.DEFAULTS
                        .withFormat(dev.dbguard.core.api.MigrationFormat.PLAIN))
                .rehearse(false)
                .rule("isolation-read-leak", "off").rule("isolation-write-leak", "off")
                .rule("isolation-fail-open", "off").rule("probe-skipped", "off")
                .build();
        DbGuard guard = new DbGuard(SharedPostgres.scratchDatabases());
        SharedPostgres.server();

        // warm-up: one round of each, not counted
        plain();
        guard.run(config, RunListener.SILENT);

        List<Long> plainNanos = new ArrayList<>();
        List<Long> guardNanos = new ArrayList<>();
        AnalysisResult result = null;
        for (int round = 0; round < MEASURED_ROUNDS; round++) {
            long t0 = System.nanoTime();
            plain();
            long t1 = System.nanoTime();
            result = guard.run(config, RunListener.SILENT);
            long t2 = System.nanoTime();
            plainNanos.add(t1 - t0);
            guardNanos.add(t2 - t1);
        }
        assertThat(result.migrations()).hasSize(MIGRATIONS);
        double plainMs = median(plainNanos) / 1e6;
        double guardMs = median(guardNanos) / 1e6;
        long applyInGuard = result.migrations().stream().mapToLong(AppliedMigration::millis).sum();
        Map<String, Integer> byRule = new LinkedHashMap<>();
        for (Finding finding : result.findings()) {
            byRule.merge(finding.rule(), 1, Integer::sum);
        }
        System.out.printf("bench: %d migrations, %d statements, %d tables%n", MIGRATIONS, statements, TABLES);
        System.out.printf("bench: plain apply %.0f ms, db-guard %.0f ms, ratio %.2f (target <= 1.50); median of %d rounds "
                        + "(plain %s ms, db-guard %s ms)%n", plainMs, guardMs, guardMs / plainMs, MEASURED_ROUNDS,
                millis(plainNanos), millis(guardNanos));
        System.out.printf("bench: db-guard's last round: %d ms applying (the migrations' own millis), %d findings %s%n",
                applyInGuard, result.findings().size(), byRule);

        GuardConfig everything = config.toBuilder().rehearse(true).rules(Map.of()).build();
        defaults(guard, everything, plainMs);

        breakdown(config);
    }

    /**
     * The defaults (data rehearsal and isolation probe on): cold, with a phase breakdown from the progress lines'
     * time stamps; then through the verdict cache as the Maven plugin runs them: nothing changed (the key and the
     * cached verdict, no PostgreSQL), and one migration added to the 1,000 (a full run: the key misses).
     */
    private void defaults(DbGuard guard, GuardConfig everything, double plainMs) throws Exception {
        List<Long> coldNanos = new ArrayList<>();
        AnalysisResult full = null;
        PhaseTimes phases = null;
        for (int round = 0; round < DEFAULTS_ROUNDS; round++) {
            PhaseTimes times = new PhaseTimes();
            long t0 = System.nanoTime();
            full = guard.run(everything, times);
            coldNanos.add(System.nanoTime() - t0);
            times.end();
            if (round == 0) {
                phases = times;
            }
        }
        double coldMs = median(coldNanos) / 1e6;
        System.out.printf("bench: db-guard with the data rehearsal and the isolation probe (the defaults): %.0f ms, "
                        + "%.2f times plain (target <= 3.00); median of %d rounds %s ms; %d findings%n", coldMs,
                coldMs / plainMs, DEFAULTS_ROUNDS, millis(coldNanos), full.findings().size());
        System.out.printf("bench: the defaults' first round by phase (from the progress lines): %s%n",
                describe(phases.phases));

        VerdictCache cache = new VerdictCache(cacheDirectory);
        cache.analyse(VerdictKey.embedded(everything, List.of()), said -> guard.run(everything, said),
                RunListener.SILENT);
        List<Long> warmNanos = new ArrayList<>();
        for (int round = 0; round < MEASURED_ROUNDS; round++) {
            long t0 = System.nanoTime();
            AnalysisResult warm = cache.analyse(VerdictKey.embedded(everything, List.of()), said -> {
                throw new AssertionError("nothing changed, yet the analysis ran");
            }, RunListener.SILENT);
            warmNanos.add(System.nanoTime() - t0);
            assertThat(warm.findings()).hasSameSizeAs(full.findings());
        }
        System.out.printf("bench: defaults, nothing changed (verdict cache: key over 1,000 files and the settings, "
                        + "read the cached verdict, no PostgreSQL): %.0f ms (target < 500); median of %d rounds %s ms%n",
                median(warmNanos) / 1e6, MEASURED_ROUNDS, millis(warmNanos));

        // as the plugin runs it: the embedded server of its own, the migrated state kept beside the verdicts
        PrefixCache prefixes = PrefixCache.beside(cache, List.of());
        DbGuard keeping = new DbGuard(DatabaseProvisioner.embedded(), prefixes);
        long k0 = System.nanoTime();
        keeping.run(everything, RunListener.SILENT);
        System.out.printf("bench: defaults on a server of its own, keeping the migrated state (kept %s): %.0f ms%n",
                megabytes(prefixes.directory()), (System.nanoTime() - k0) / 1e6);
        Path added = migrations.resolve("V" + (MIGRATIONS + 1) + "__added.sql");
        List<Long> addedNanos = new ArrayList<>();
        PhaseTimes addedPhases = null;
        for (int round = 0; round < DEFAULTS_ROUNDS; round++) {
            // another added migration each round: the verdict's key misses, the state after the 1,000 is found
            Files.writeString(added, "ALTER TABLE t000 ADD COLUMN added_" + round + " timestamptz;\n"
                    + "CREATE INDEX t000_added_" + round + "_idx ON t000 (added_" + round + ");\n",
                    StandardCharsets.UTF_8);
            PhaseTimes times = new PhaseTimes();
            long a0 = System.nanoTime();
            AnalysisResult one = cache.analyse(VerdictKey.embedded(everything, List.of()),
                    said -> keeping.run(everything, said), times);
            addedNanos.add(System.nanoTime() - a0);
            times.end();
            assertThat(one.migrations()).hasSize(MIGRATIONS + 1);
            assertThat(times.phases.keySet()).as("continued from the kept state")
                    .anyMatch(phase -> phase.startsWith("continuing from the migrated state"));
            if (round == 0) {
                addedPhases = times;
            }
        }
        Files.delete(added);
        System.out.printf("bench: defaults, one migration added to the %,d (continuing from the state kept after "
                        + "them): %.0f ms (target < 2000); median of %d rounds %s ms%n", MIGRATIONS,
                median(addedNanos) / 1e6, DEFAULTS_ROUNDS, millis(addedNanos));
        System.out.printf("bench: one migration added, first round by phase (from the progress lines): %s%n",
                describe(addedPhases.phases));
    }

    /** The size of a folder's files, and of each folder of its kept data directories ({@code base}, {@code pg_wal}, ...). */
    private static String megabytes(Path folder) throws java.io.IOException {
        Map<String, Long> parts = new java.util.TreeMap<>();
        long total = 0;
        try (java.util.stream.Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                long bytes = file.toFile().length();
                total += bytes;
                Path relative = folder.relativize(file);
                String part = relative.getNameCount() > 3 && relative.getName(1).toString().equals("data")
                        ? relative.getName(2).toString() : "other";
                parts.merge(part, bytes, Long::sum);
            }
        }
        StringBuilder text = new StringBuilder(String.format("%.0f", total / 1e6)).append(" MB:");
        parts.forEach((part, bytes) -> text.append(' ').append(part).append(String.format(" %.1f", bytes / 1e6)));
        return text.toString();
    }

    /** Time between progress lines, summed by the kind of line that started each stretch. */
    private static final class PhaseTimes implements RunListener {
        final Map<String, Long> phases = new LinkedHashMap<>();
        private long last = System.nanoTime();
        private String phase = "read the scripts, start";

        @Override
        public synchronized void progress(String message) {
            long now = System.nanoTime();
            phases.merge(phase, now - last, Long::sum);
            last = now;
            // a stretch runs from a kind of line to the next kind: "applying" holds the catalogue and the
            // history read after the last migration
            String kind = message.replaceAll(" ?[Vt]?\\d.*", "").replaceAll(":.*", "");
            phase = kind.isEmpty() ? "after the summary line" : kind;
        }

        @Override
        public void warning(String message) {
        }

        void end() {
            progress("end");
        }
    }

    /** Read, create a scratch database, apply every migration without a listener, drop it. */
    private void plain() throws Exception {
        List<Migration> found = MigrationDiscovery.discover(List.of(migrations));
        List<AppliedScript> scripts = new ArrayList<>();
        for (Migration migration : found) {
            scripts.add(new AppliedScript(scripts.size(), migration, SqlScriptReader.read(migration, RunListener.SILENT)));
        }
        ThrowawayPostgres shared = SharedPostgres.server();
        try (ThrowawayPostgres db = new JdbcDatabaseProvider(shared.jdbcUrl(), shared.adminUser(), null).create();
             Connection c = db.connectAsAdmin()) {
            MigrationRunner runner = new MigrationRunner(c);
            for (AppliedScript script : scripts) {
                runner.apply(script.migration(), script.statements(), StatementListener.NONE);
            }
        }
    }

    /**
     * db-guard's phases timed one by one, with the calls {@code DbGuard.run} makes (suppressions and the report
     * are left out: they cost nothing here).
     */
    private void breakdown(GuardConfig config) throws Exception {
        Map<String, Long> phases = new LinkedHashMap<>();
        long t = System.nanoTime();
        List<AppliedScript> scripts = new ArrayList<>();
        for (Migration migration : MigrationDiscovery.discover(config.migrations())) {
            scripts.add(new AppliedScript(scripts.size(), migration, SqlScriptReader.read(migration, RunListener.SILENT)));
        }
        t = lap(phases, "read and split scripts", t);
        ThrowawayPostgres shared = SharedPostgres.server();
        try (ThrowawayPostgres db = new JdbcDatabaseProvider(shared.jdbcUrl(), shared.adminUser(), null).create();
             Connection c = db.connectAsAdmin()) {
            t = lap(phases, "create scratch database", t);
            DdlJournal.install(c);
            MigrationRunner runner = new MigrationRunner(c);
            t = lap(phases, "install journal", t);
            for (AppliedScript script : scripts) {
                runner.apply(script.migration(), script.statements(), DdlJournal.tagging(script.index()));
                try (Statement s = c.createStatement()) {
                    s.execute("RESET SESSION AUTHORIZATION; RESET ROLE; RESET search_path");
                }
            }
            DdlJournal.flush(c);
            t = lap(phases, "apply, tagged, journal triggers on", t);
            CatalogSnapshot snapshot = CatalogReader.read(c, config.schemas(), null);
            t = lap(phases, "catalogue snapshot", t);
            List<JournalEntry> journal = DdlJournal.read(c);
            List<TableState> states = DdlJournal.readTableStates(c);
            var dropped = DdlJournal.readDropped(c);
            var volatiles = DdlJournal.volatileFunctions(c, SchemaHistory.functionsInDefaults(states));
            t = lap(phases, "read journal (" + journal.size() + " commands, " + states.size() + " table states)", t);
            List<String> texts = new ArrayList<>();
            for (AppliedScript script : scripts) {
                texts.add(Files.readString(script.migration().path(), StandardCharsets.UTF_8));
            }
            List<String> releases = Releases.assign(scripts, texts, config.releases(), config.productionVersion());
            List<Boolean> production = scripts.stream()
                    .map(s -> Releases.inProduction(s.migration(), config.productionVersion())).toList();
            SchemaHistory history = SchemaHistory.build(scripts, releases, production, states, dropped, volatiles);
            t = lap(phases, "history build (JSqlParser on data statements)", t);
            SchemaContext context = SchemaContext.of(snapshot, config, new JournalSourceLocator(scripts, journal));
            for (Rule rule : BuiltInRules.all()) {
                if (rule instanceof SchemaRule schemaRule) {
                    schemaRule.check(context);
                }
            }
            t = lap(phases, "schema rules", t);
            Map<String, Long> perRule = new LinkedHashMap<>();
            for (MigrationStep step : history.steps()) {
                MigrationContext migrationContext = new MigrationContext(step, history.releaseUpTo(step), history, config);
                for (Rule rule : BuiltInRules.all()) {
                    if (rule instanceof MigrationRule migrationRule) {
                        long r = System.nanoTime();
                        migrationRule.check(migrationContext);
                        perRule.merge(rule.id(), System.nanoTime() - r, Long::sum);
                    }
                }
            }
            t = lap(phases, "migration rules", t);
            System.out.printf("bench: db-guard phases: %s%n", describe(phases));
            System.out.printf("bench: migration rules: %s%n", describe(perRule));
        }
        lap(phases, "drop scratch database", t);
        System.out.printf("bench: drop scratch database %.0f ms%n", phases.get("drop scratch database") / 1e6);

        // where the apply time goes: the same statements, each variant on a fresh scratch database
        Map<String, Long> apply = new LinkedHashMap<>();
        for (ApplyVariant variant : ApplyVariant.values()) {
            apply.put(variant.label, applyOnly(scripts, variant));
        }
        System.out.printf("bench: apply only: %s%n", describe(apply));
    }

    /** How the statements are applied, from a plain migration tool to db-guard's journalled run. */
    private enum ApplyVariant {
        PLAIN("plain, no listener"),
        TAGGED("statement tag comment sent in front of each statement, no journal"),
        JOURNAL_COMMANDS_ONLY("tagged, journal recording commands and drops only (no table states)"),
        JOURNAL("tagged, full journal (as db-guard)");

        final String label;

        ApplyVariant(String label) {
            this.label = label;
        }
    }

    /** A profiling stand-in for the journal's DDL trigger: the command rows only, without the table-state capture. */
    private static final String COMMANDS_ONLY = """
            CREATE OR REPLACE FUNCTION db_guard_journal.record_ddl() RETURNS event_trigger
                LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog AS $fn$
            BEGIN
                INSERT INTO db_guard_journal.ddl (statement, command_tag, object_type, schema_name, object_identity, catalog, objid)
                SELECT coalesce(substring(current_query(), '^/\\*db_guard:([0-9]+:[0-9]+)\\*/'),
                                current_setting('db_guard.statement', true)), d.command_tag, d.object_type, d.schema_name,
                       d.object_identity, d.classid::regclass::text, d.objid
                FROM pg_event_trigger_ddl_commands() d;
            END
            $fn$""";

    private static long applyOnly(List<AppliedScript> scripts, ApplyVariant variant) throws Exception {
        ThrowawayPostgres shared = SharedPostgres.server();
        try (ThrowawayPostgres db = new JdbcDatabaseProvider(shared.jdbcUrl(), shared.adminUser(), null).create();
             Connection c = db.connectAsAdmin()) {
            if (variant == ApplyVariant.JOURNAL || variant == ApplyVariant.JOURNAL_COMMANDS_ONLY) {
                DdlJournal.install(c);
            }
            if (variant == ApplyVariant.JOURNAL_COMMANDS_ONLY) {
                try (Statement s = c.createStatement()) {
                    s.execute(COMMANDS_ONLY);
                }
            }
            MigrationRunner runner = new MigrationRunner(c);
            long t0 = System.nanoTime();
            for (AppliedScript script : scripts) {
                runner.apply(script.migration(), script.statements(),
                        variant == ApplyVariant.PLAIN ? StatementListener.NONE : DdlJournal.tagging(script.index()));
            }
            if (variant == ApplyVariant.JOURNAL) {
                DdlJournal.flush(c);
            }
            return System.nanoTime() - t0;
        }
    }

    private static long lap(Map<String, Long> phases, String name, long since) {
        long now = System.nanoTime();
        phases.put(name, now - since);
        return now;
    }

    private static String describe(Map<String, Long> nanos) {
        StringBuilder text = new StringBuilder();
        nanos.forEach((name, n) -> text.append(text.length() == 0 ? "" : ", ").append(name).append(' ')
                .append(Math.round(n / 1e6)).append(" ms"));
        return text.toString();
    }

    private static String millis(List<Long> nanos) {
        return nanos.stream().map(n -> String.valueOf(Math.round(n / 1e6))).toList().toString();
    }

    private static double median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    /**
     * V1 the tenants; V2 to V201 one table each, with 20 rows; V202 to V1000 four rounds over the tables: columns and
     * an index; RLS and a policy; a backfill and a NOT NULL through a validated check; a timestamp column, a comment, a
     * rename, and now and then a foreign key, a concurrent index or a dropped column.
     *
     * @return the number of statements written
     */
    static int generate(Path folder) throws Exception {
        int statements = 0;
        List<String> sql = new ArrayList<>();
        sql.add("CREATE TABLE tenants (id uuid PRIMARY KEY, name text NOT NULL);\n"
                + "INSERT INTO tenants VALUES ('00000000-0000-4000-8000-00000000000a', 'a'),"
                + " ('00000000-0000-4000-8000-00000000000b', 'b');\n");
        for (int i = 0; i < TABLES; i++) {
            String t = table(i);
            sql.add("CREATE TABLE " + t + " (\n"
                    + "    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,\n"
                    + "    tenant_id uuid NOT NULL REFERENCES tenants (id),\n"
                    + "    name text,\n"
                    + "    created_at timestamptz NOT NULL DEFAULT now()\n"
                    + ");\n"
                    + "CREATE INDEX " + t + "_tenant_id_idx ON " + t + " (tenant_id);\n"
                    + "INSERT INTO " + t + " (tenant_id, name)\n"
                    + "    SELECT CASE WHEN g % 2 = 0 THEN '00000000-0000-4000-8000-00000000000a'::uuid\n"
                    + "                ELSE '00000000-0000-4000-8000-00000000000b'::uuid END, 'row ' || g\n"
                    + "    FROM generate_series(1, 20) g;\n");
        }
        for (int m = 0; sql.size() < MIGRATIONS; m++) {
            int i = m % TABLES;
            String t = table(i);
            switch (m / TABLES) {
                case 0 -> sql.add("ALTER TABLE " + t + " ADD COLUMN note text;\n"
                        + "ALTER TABLE " + t + " ADD COLUMN score integer DEFAULT 0;\n"
                        + "CREATE INDEX " + t + "_tenant_name_idx ON " + t + " (tenant_id, name);\n");
                case 1 -> sql.add("ALTER TABLE " + t + " ENABLE ROW LEVEL SECURITY;\n"
                        + "ALTER TABLE " + t + " FORCE ROW LEVEL SECURITY;\n"
                        + "CREATE POLICY " + t + "_tenant_isolation ON " + t + "\n"
                        + "    USING (tenant_id = current_setting('app.tenant_id')::uuid);\n");
                case 2 -> sql.add("SET lock_timeout = '5s';\n"
                        + "UPDATE " + t + " SET note = name WHERE note IS NULL;\n"
                        + "ALTER TABLE " + t + " ADD CONSTRAINT " + t + "_note_not_null CHECK (note IS NOT NULL) NOT VALID;\n"
                        + "ALTER TABLE " + t + " VALIDATE CONSTRAINT " + t + "_note_not_null;\n"
                        + "ALTER TABLE " + t + " ALTER COLUMN note SET NOT NULL;\n");
                default -> {
                    StringBuilder s = new StringBuilder()
                            .append("ALTER TABLE ").append(t).append(" ADD COLUMN updated_at timestamptz;\n")
                            .append("ALTER TABLE ").append(t).append(" ALTER COLUMN updated_at SET DEFAULT now();\n")
                            .append("COMMENT ON COLUMN ").append(t).append(".updated_at IS 'NULL: not updated since it was recorded';\n")
                            .append("ALTER TABLE ").append(t).append(" RENAME COLUMN score TO rating;\n");
                    if (i % 10 == 5) {
                        s.append("ALTER TABLE ").append(t).append(" ADD COLUMN parent_id bigint REFERENCES ")
                                .append(table(i - 1)).append(" (id);\n");
                    }
                    if (i % 25 == 7) {
                        s.append("ALTER TABLE ").append(t).append(" DROP COLUMN rating;\n");
                    }
                    sql.add(s.toString());
                    if (i % 40 == 13 && sql.size() < MIGRATIONS) {
                        sql.add("CREATE INDEX CONCURRENTLY " + t + "_created_at_idx ON " + t + " (created_at);\n");
                    }
                }
            }
        }
        for (int v = 0; v < sql.size(); v++) {
            String text = sql.get(v);
            statements += SqlScriptReader.split("V" + (v + 1), text).size();
            Files.writeString(folder.resolve("V" + (v + 1) + "__m" + (v + 1) + ".sql"), text, StandardCharsets.UTF_8);
        }
        return statements;
    }

    private static String table(int i) {
        return String.format("t%03d", i);
    }
}
