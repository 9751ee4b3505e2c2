package dev.dbguard.core.rules.hygiene;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbguard.core.DbGuard;
import dev.dbguard.core.api.RunListener;
import dev.dbguard.core.report.AnalysisResult;
import dev.dbguard.core.api.Finding;
import dev.dbguard.core.testing.RuleFixtures;
import dev.dbguard.core.testing.SharedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The fixes of the schema hygiene rules are SQL that PostgreSQL runs: written as one more migration after a
 * reporting fixture, they apply, and those that change the schema clear the findings they fix.
 */
class HygieneFixesTest {

    @ParameterizedTest
    @ValueSource(strings = {"timestamps-missing", "soft-delete-missing", "naming-drift", "foreign-key-unindexed",
            "timestamp-without-time-zone"})
    void theFixWrittenAsAMigrationAppliesAndClearsTheRule(String rule, @TempDir Path dir) throws IOException {
        Path folder = RuleFixtures.copy(RuleFixtures.ROOT.resolve(rule).resolve("reports"), dir.resolve("migrations"));
        List<Finding> before = run(folder).findings().stream().filter(f -> f.rule().equals(rule)).toList();
        assertThat(before).filteredOn(f -> f.fix() != null).isNotEmpty();
        List<Finding> unfixed = before.stream().filter(f -> f.fix() == null).toList();
        StringBuilder fix = new StringBuilder("SET lock_timeout = '5s';\n");
        for (Finding finding : before.stream().filter(f -> f.fix() != null).toList()) {
            fix.append("-- ").append(finding.message().replace('\n', ' ')).append('\n').append(finding.fix()).append('\n');
        }
        Files.writeString(folder.resolve("V99__fix.sql"), fix);

        // a fix PostgreSQL rejected would fail the run with its error
        List<Finding> after = run(folder).findings().stream().filter(f -> f.rule().equals(rule)).toList();
        if (rule.equals("naming-drift")) {
            // the fix is the audit that a person reads before merging: it changes nothing
            assertThat(after).hasSameSizeAs(before);
        } else {
            // only the findings that came without a fix remain
            assertThat(after).as("findings of %s after its fixes", rule).extracting(Finding::table, Finding::column)
                    .containsExactlyElementsOf(unfixed.stream()
                            .map(f -> org.assertj.core.groups.Tuple.tuple(f.table(), f.column())).toList());
        }
    }

    private static AnalysisResult run(Path folder) {
        return new DbGuard(SharedPostgres.scratchDatabases()).run(RuleFixtures.config(folder), RunListener.SILENT);
    }
}
