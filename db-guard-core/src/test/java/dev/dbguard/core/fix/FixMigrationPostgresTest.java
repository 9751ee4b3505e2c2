package dev.dbguard.core.fix;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbguard.core.DbGuard;
import dev.dbguard.core.api.GuardConfig;
import dev.dbguard.core.api.RunListener;
import dev.dbguard.core.report.AnalysisResult;
import dev.dbguard.core.api.AppliedMigration;
import dev.dbguard.core.api.Finding;
import dev.dbguard.core.api.Severity;
import dev.dbguard.core.testing.SharedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The written migration, applied with the others on a real PostgreSQL, clears the findings it fixes and raises no
 * ERROR; its rollback script, rehearsed by {@code requireRollback}, gives back the schema before it.
 */
class FixMigrationPostgresTest {

    private static final Path FIXTURE = Path.of("src", "test", "resources", "fix", "orders");

    @Test
    void theWrittenMigrationClearsTheFindingsItFixes(@TempDir Path folder) throws IOException {
        GuardConfig config = copyFixture(folder);
        AnalysisResult before = run(config, new ArrayList<>());

        FixMigration.Plan plan = FixMigration.plan(before.findings(), FixSelection.DEFAULT);
        assertThat(plan.blocks()).extracting(b -> key(b.finding())).containsExactly(
                "rls-disabled public.orders", "tenant-column-nullable public.orders",
                "rls-disabled public.order_lines", "tenant-column-missing public.order_lines");
        // the isolation probe's findings on those tables are listed, covered by the schema findings' fixes
        assertThat(plan.skipped()).isNotEmpty().allSatisfy(s -> {
            assertThat(s.finding().rule()).startsWith("isolation-");
            assertThat(s.covered()).isTrue();
        });

        FixMigration.Written written = FixMigration.write(plan, folder, "V", nextVersion(folder));
        assertThat(written.migration().getFileName()).hasToString("V3__db_guard_fixes.sql");
        assertThat(written.rollback().getFileName()).hasToString("U3__db_guard_fixes.sql");

        AnalysisResult after = run(config, new ArrayList<>());
        assertThat(after.migrations()).extracting(AppliedMigration::file).contains("V3__db_guard_fixes.sql");
        List<String> fixed = plan.blocks().stream().map(b -> key(b.finding())).toList();
        assertThat(after.findings()).extracting(FixMigrationPostgresTest::key).doesNotContainAnyElementsOf(fixed);
        assertThat(after.findings()).filteredOn(f -> f.severity() == Severity.ERROR)
                .as("ERROR findings after the fix").isEmpty();
        assertThat(FixMigration.plan(after.findings(), FixSelection.DEFAULT).isEmpty()).isTrue();
    }

    @Test
    void theWrittenRollbackGivesBackTheSchemaBeforeTheFixes(@TempDir Path folder) throws IOException {
        GuardConfig config = copyFixture(folder);
        // orders.tenant_id NOT NULL: synthetic orders without a tenant would make the backfilled order_lines.tenant_id
        // NULL and its SET NOT NULL fail in the rehearsal, which then judges no rollback (production's rows without a
        // tenant are a human's to assign)
        Path orders = folder.resolve("V2__orders.sql");
        Files.writeString(orders, Files.readString(orders).replace("tenant_id uuid REFERENCES", "tenant_id uuid NOT NULL REFERENCES"));
        FixSelection selection = FixSelection.parse(List.of("rls-disabled", "tenant-column-missing"), List.of());
        FixMigration.Plan plan = FixMigration.plan(run(config, new ArrayList<>()).findings(), selection);
        FixMigration.Written written = FixMigration.write(plan, folder, "V", nextVersion(folder));

        GuardConfig withRollback = config.toBuilder().requireRollback(true).build();
        List<String> progress = new ArrayList<>();
        AnalysisResult after = run(withRollback, progress);
        assertThat(progress).as("the rehearsal applied V3 with rows, so its rollback was judged")
                .noneMatch(line -> line.contains("V3__db_guard_fixes.sql fails"));
        assertThat(after.findings()).filteredOn(f -> f.rule().startsWith("rollback-"))
                .extracting(f -> f.rule() + " " + f.source().file())
                .containsExactlyInAnyOrder("rollback-missing V1__tenants.sql", "rollback-missing V2__orders.sql");

        // control: the same rollback without its last statement leaves order_lines.tenant_id behind
        String rollback = Files.readString(written.rollback());
        Files.writeString(written.rollback(), rollback.replace(
                "ALTER TABLE public.order_lines DROP COLUMN tenant_id;", ""));
        AnalysisResult broken = run(withRollback, new ArrayList<>());
        assertThat(broken.findings()).filteredOn(f -> f.rule().equals("rollback-broken"))
                .extracting(f -> f.source().file()).containsExactly("V3__db_guard_fixes.sql");
    }

    private static GuardConfig copyFixture(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(FIXTURE)) {
            for (Path file : files.toList()) {
                Files.copy(file, folder.resolve(file.getFileName()));
            }
        }
        return GuardConfig.builder().migration(folder).reportDirectory(folder.resolve("report")).build();
    }

    private static AnalysisResult run(GuardConfig config, List<String> progress) {
        return new DbGuard(SharedPostgres.scratchDatabases()).run(config, new RunListener() {
            @Override
            public void progress(String message) {
                progress.add(message);
            }

            @Override
            public void warning(String message) {
                progress.add(message);
            }
        });
    }

    private static String nextVersion(Path folder) {
        return NextMigrationVersion.after(NextMigrationVersion.versionsIn(List.of(folder), "V", "U"), Instant.now());
    }

    private static String key(Finding finding) {
        return finding.rule() + " " + finding.table();
    }
}
