package dev.dbguard.core.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dbguard.core.DbGuard;
import dev.dbguard.core.api.DbGuardException;
import dev.dbguard.core.api.GuardConfig;
import dev.dbguard.core.api.RunListener;
import dev.dbguard.core.report.AnalysisResult;
import dev.dbguard.core.api.FailThreshold;
import dev.dbguard.core.api.Finding;
import dev.dbguard.core.report.JsonReportWriter;
import dev.dbguard.core.api.SourceRef;
import dev.dbguard.core.testing.SharedPostgres;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Inline suppression through the whole engine on a real PostgreSQL: {@code -- db-guard:ignore <rule-id> <reason>}
 * on the line before a statement marks that statement's finding of that rule suppressed; a suppression without a
 * reason or naming an unknown rule stops the run; one that matches nothing is a warning.
 */
class SuppressionsTest {

    private static final String EXISTING_TABLES = """
            CREATE TABLE legacy_exports (id bigint PRIMARY KEY, payload text);
            CREATE TABLE vehicles (id bigint PRIMARY KEY, vin text NOT NULL);
            CREATE TABLE vehicle_events (id bigint PRIMARY KEY, vehicle_id bigint REFERENCES vehicles (id));
            """;

    @TempDir
    Path migrations;

    /** Collects what the run tells a person. */
    private static final class Recorder implements RunListener {
        final List<String> warnings = new ArrayList<>();

        @Override
        public void progress(String message) {
        }

        @Override
        public void warning(String message) {
            warnings.add(message);
        }
    }

    private void write(String file, String sql) throws Exception {
        Files.writeString(migrations.resolve(file), sql, StandardCharsets.UTF_8);
    }

    private AnalysisResult run(RunListener listener) {
        // the data rehearsal (rows-lost on the DELETE below) has fixtures of its own; these tests count findings
        GuardConfig config = GuardConfig.builder().migration(migrations).rehearse(false).build();
        return new DbGuard(SharedPostgres.scratchDatabases()).run(config, listener);
    }

    @Test
    void aSuppressedFindingStaysInTheResultButDoesNotCount() throws Exception {
        write("V1__tables.sql", EXISTING_TABLES);
        write("V2__cleanup.sql", """
                -- legacy_exports was written by the old export job only; it was removed in 2.3
                -- db-guard:ignore destructive-statement the export job that read it was removed in release 2.3
                DROP TABLE legacy_exports;

                DELETE FROM vehicle_events;
                """);

        AnalysisResult result = run(RunListener.SILENT);

        List<Finding> destructive = result.findings().stream()
                .filter(f -> f.rule().equals("destructive-statement")).toList();
        assertThat(destructive).hasSize(2);
        Finding dropped = destructive.stream().filter(f -> "public.legacy_exports".equals(f.table())).findFirst().orElseThrow();
        Finding deleted = destructive.stream().filter(f -> "public.vehicle_events".equals(f.table())).findFirst().orElseThrow();
        assertThat(dropped.suppressed()).isTrue();
        assertThat(dropped.source()).isEqualTo(new SourceRef("V2__cleanup.sql", 3));
        assertThat(deleted.suppressed()).as("the suppression names the statement after it only").isFalse();
        assertThat(deleted.source()).isEqualTo(new SourceRef("V2__cleanup.sql", 5));

        // other rules (locking) may report INFO or WARNING findings on these statements: count what is not suppressed
        Map<String, Integer> summary = result.summary();
        assertThat(summary.get("suppressed")).isEqualTo(1);
        assertThat(summary.get("ERROR")).as("the suppressed ERROR does not count").isEqualTo(1);
        assertThat(summary.get("ERROR") + summary.get("WARNING") + summary.get("INFO"))
                .isEqualTo(result.findings().size() - 1);
        assertThat(result.failing(FailThreshold.ERROR)).containsExactly(deleted);
        assertThat(result.failing(FailThreshold.parse("INFO"))).contains(deleted).doesNotContain(dropped);

        JsonNode json = new ObjectMapper().readTree(new JsonReportWriter().toBytes(result));
        List<JsonNode> reported = new ArrayList<>();
        json.get("findings").forEach(reported::add);
        assertThat(reported).filteredOn(f -> f.get("rule").asText().equals("destructive-statement")
                        && f.get("table").asText().equals("public.legacy_exports"))
                .singleElement().satisfies(f -> {
                    assertThat(f.get("line").asInt()).isEqualTo(3);
                    assertThat(f.get("suppressed").asBoolean()).isTrue();
                });
        assertThat(reported).filteredOn(f -> f.get("suppressed").asBoolean()).hasSize(1);
        assertThat(json.get("summary").get("suppressed").asInt()).isEqualTo(1);
        assertThat(json.get("summary").get("ERROR").asInt()).isEqualTo(1);
    }

    @Test
    void aSuppressionAppliesToItsRuleOnly() throws Exception {
        write("V1__tables.sql", EXISTING_TABLES);
        write("V2__created_at.sql", """
                -- db-guard:ignore destructive-statement nothing is dropped here, the reader just misnamed the rule
                ALTER TABLE vehicles ADD COLUMN created_at timestamptz DEFAULT now();
                """);
        Recorder recorder = new Recorder();

        AnalysisResult result = run(recorder);

        assertThat(result.findings()).filteredOn(f -> f.rule().equals("timestamp-default-backfill"))
                .singleElement().satisfies(f -> assertThat(f.suppressed()).isFalse());
        assertThat(result.summary().get("suppressed")).isZero();
        assertThat(recorder.warnings).anySatisfy(w -> assertThat(w)
                .startsWith("V2__created_at.sql:1: db-guard:ignore destructive-statement suppresses nothing"));
    }

    @Test
    void anUnusedSuppressionIsAWarning() throws Exception {
        write("V1__tables.sql", EXISTING_TABLES);
        write("V2__index.sql", """
                CREATE INDEX vehicles_vin_idx ON vehicles (vin);

                -- db-guard:ignore timestamp-default-backfill the default was removed before this was merged
                ALTER TABLE vehicles ADD COLUMN seen_at timestamptz;
                """);
        Recorder recorder = new Recorder();

        AnalysisResult result = run(recorder);

        assertThat(result.findings()).noneMatch(Finding::suppressed);
        assertThat(recorder.warnings).containsExactly("V2__index.sql:3: db-guard:ignore timestamp-default-backfill "
                + "suppresses nothing: the statement after it has no such finding; remove the comment");
    }

    @Test
    void aSuppressionWithoutAReasonStopsTheRunNamingFileAndLine() throws Exception {
        write("V1__tables.sql", EXISTING_TABLES);
        write("V2__cleanup.sql", """
                -- the old export table
                -- db-guard:ignore destructive-statement
                DROP TABLE legacy_exports;
                """);

        assertThatThrownBy(() -> run(RunListener.SILENT))
                .isInstanceOf(DbGuardException.class)
                .hasMessageStartingWith("V2__cleanup.sql:2: db-guard:ignore destructive-statement gives no reason")
                .hasMessageContaining("why it is safe");
    }

    @Test
    void aSuppressionWithOnlyBlanksAfterTheRuleHasNoReason() throws Exception {
        write("V1__tables.sql", EXISTING_TABLES + "-- db-guard:ignore destructive-statement   \t\nDROP TABLE legacy_exports;\n");

        assertThatThrownBy(() -> run(RunListener.SILENT))
                .isInstanceOf(DbGuardException.class)
                .hasMessageStartingWith("V1__tables.sql:4: db-guard:ignore destructive-statement gives no reason");
    }

    @Test
    void aSuppressionNamingAnUnknownRuleStopsTheRunNamingIt() throws Exception {
        write("V1__tables.sql", EXISTING_TABLES);
        write("V2__cleanup.sql", """
                -- db-guard:ignore destructive-statment the export job was removed in 2.3
                DROP TABLE legacy_exports;
                """);

        assertThatThrownBy(() -> run(RunListener.SILENT))
                .isInstanceOf(DbGuardException.class)
                .hasMessageStartingWith("V2__cleanup.sql:1: db-guard:ignore names an unknown rule 'destructive-statment'");
    }

    @Test
    void aSuppressionNamingNoRuleStopsTheRun() throws Exception {
        write("V1__tables.sql", EXISTING_TABLES);
        write("V2__cleanup.sql", "-- db-guard:ignore\nDROP TABLE legacy_exports;\n");

        assertThatThrownBy(() -> run(RunListener.SILENT))
                .isInstanceOf(DbGuardException.class)
                .hasMessageStartingWith("V2__cleanup.sql:1: db-guard:ignore names no rule");
    }
}
