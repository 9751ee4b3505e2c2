package dev.dbguard.core.fix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dbguard.core.api.DbGuardException;
import dev.dbguard.core.api.Finding;
import dev.dbguard.core.api.Severity;
import dev.dbguard.core.api.SourceRef;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the fix goal selects, writes and lists, without a database; {@link FixMigrationPostgresTest} applies it. */
class FixMigrationTest {

    private static Finding finding(String rule, Severity severity, String table, int line, String fix, String rollback) {
        return new Finding(rule, severity, table, null, null, new SourceRef("V2__orders.sql", line),
                rule + " on " + table, fix, rollback, false);
    }

    private static final Finding RLS_DISABLED = finding("rls-disabled", Severity.ERROR, "public.orders", 2,
            "ALTER TABLE public.orders ENABLE ROW LEVEL SECURITY;\nALTER TABLE public.orders FORCE ROW LEVEL SECURITY;",
            "ALTER TABLE public.orders NO FORCE ROW LEVEL SECURITY;\nALTER TABLE public.orders DISABLE ROW LEVEL SECURITY;");
    private static final Finding NULLABLE = finding("tenant-column-nullable", Severity.ERROR, "public.orders", 3,
            "SELECT count(*) FROM public.orders WHERE tenant_id IS NULL; -- assign or remove these rows first\n"
                    + "ALTER TABLE public.orders ALTER COLUMN tenant_id SET NOT NULL;",
            "ALTER TABLE public.orders ALTER COLUMN tenant_id DROP NOT NULL;");
    private static final Finding UNINDEXED = finding("tenant-column-unindexed", Severity.WARNING, "public.items", 9,
            "CREATE INDEX CONCURRENTLY items_tenant_id_idx ON public.items (tenant_id);",
            "DROP INDEX CONCURRENTLY public.items_tenant_id_idx;");
    private static final Finding CROSS = finding("cross-tenant-reference", Severity.WARNING, "public.items", 8,
            "ALTER TABLE public.items ADD CONSTRAINT items_fk FOREIGN KEY (tenant_id, order_id) "
                    + "REFERENCES public.orders (tenant_id, id);",
            "ALTER TABLE public.items DROP CONSTRAINT items_fk;");

    @Test
    void byDefaultEveryErrorFindingIsWritten() {
        FixMigration.Plan plan = FixMigration.plan(List.of(UNINDEXED, NULLABLE, CROSS, RLS_DISABLED), FixSelection.DEFAULT);
        assertThat(plan.blocks()).extracting(b -> b.finding().rule())
                .containsExactly("rls-disabled", "tenant-column-nullable");
        assertThat(plan.skipped()).isEmpty();
    }

    @Test
    void chosenRulesAndTablesSelectAtAnySeverity() {
        List<Finding> all = List.of(UNINDEXED, NULLABLE, CROSS, RLS_DISABLED);
        FixSelection crossOnly = FixSelection.parse(List.of("cross-tenant-reference"), List.of());
        assertThat(FixMigration.plan(all, crossOnly).blocks()).extracting(b -> b.finding().rule())
                .containsExactly("cross-tenant-reference");

        FixSelection ordersTable = FixSelection.parse(List.of("rls-disabled, cross-tenant-reference"), List.of("orders"));
        assertThat(FixMigration.plan(all, ordersTable).blocks()).extracting(b -> b.finding().rule())
                .containsExactly("rls-disabled");
        FixSelection qualified = FixSelection.parse(List.of(), List.of("public.items", "other.orders"));
        assertThat(FixMigration.plan(all, qualified).isEmpty()).isTrue(); // items has no ERROR, other.orders no finding
        assertThat(qualified.unmatchedTables(all)).containsExactly("other.orders");

        Finding suppressed = RLS_DISABLED.asSuppressed();
        assertThat(FixMigration.plan(List.of(suppressed), FixSelection.DEFAULT).isEmpty()).isTrue();
    }

    @Test
    void anUnknownRuleIdIsRejectedNamingTheKnownOnes() {
        assertThatThrownBy(() -> FixSelection.parse(List.of("rls-disabled", "rls-off"), List.of()))
                .isInstanceOf(dev.dbguard.core.api.InvalidParameterException.class)
                .hasMessageStartingWith("fixRules: unknown rule id 'rls-off'; known rules: ")
                .hasMessageContaining("rls-not-forced");
    }

    @Test
    void findingsWhoseFixCannotBeWrittenAreListedWithTheReason() {
        Finding noFix = finding("rls-not-forced", Severity.ERROR, "public.a", 1, null, null);
        Finding placeholder = finding("rls-without-policy", Severity.ERROR, "public.b", 1,
                "CREATE POLICY b_access ON public.b USING (<condition>);", "DROP POLICY b_access ON public.b;");
        Finding perMigration = finding("not-null-without-default", Severity.ERROR, "public.c", 1,
                "ALTER TABLE public.c ADD COLUMN x int;", "ALTER TABLE public.c DROP COLUMN x;");
        Finding query = finding("policy-ignores-tenant", Severity.ERROR, "public.d", 1,
                "SELECT count(*) FROM public.d; -- review", "SELECT 1;");
        Finding comments = finding("policy-always-true", Severity.ERROR, "public.e", 1,
                "-- rewrite the policy by hand", "-- nothing");
        Finding noRollback = finding("app-role-bypasses-rls", Severity.ERROR, "public.f", 1,
                "ALTER ROLE app NOBYPASSRLS;", null);
        // a '<' inside a string is no placeholder
        Finding literal = finding("policy-write-unchecked", Severity.ERROR, "public.g", 1,
                "COMMENT ON TABLE public.g IS 'a <note>';", "COMMENT ON TABLE public.g IS NULL;");
        FixMigration.Plan plan = FixMigration.plan(
                List.of(noFix, placeholder, perMigration, query, comments, noRollback, literal), FixSelection.DEFAULT);

        assertThat(plan.blocks()).extracting(b -> b.finding().rule()).containsExactly("policy-write-unchecked");
        assertThat(plan.skipped()).extracting(s -> s.finding().rule() + ": " + s.reason()).containsExactlyInAnyOrder(
                "rls-not-forced: db-guard has no fix for it",
                "rls-without-policy: needs a human decision: its fix holds the placeholder <condition>",
                "not-null-without-default: its fix is a change of V2__orders.sql: a later migration cannot undo what"
                        + " that migration does on the way",
                "policy-ignores-tenant: needs a human decision: its fix is a query to review, not a change",
                "policy-always-true: needs a human decision: its fix is advice in comments",
                "app-role-bypasses-rls: db-guard knows no rollback for its fix");

        String text = FixMigration.migrationText(plan, "U3__db_guard_fixes.sql");
        assertThat(text).contains("-- Selected but not written here (listed, not guessed):\n").contains("\n"
                + "-- rls-not-forced (ERROR) on public.a: rls-not-forced on public.a [V2__orders.sql:1]: db-guard has no"
                + " fix for it\n");
    }

    @Test
    void probeFindingsOnATableWhoseSchemaFindingsAreFixedAreCovered() {
        Finding leak = finding("isolation-read-leak", Severity.ERROR, "public.orders", 2,
                RLS_DISABLED.fix() + "\nCREATE POLICY tenant_isolation ON public.orders USING (true);",
                RLS_DISABLED.rollback());
        Finding otherLeak = finding("isolation-read-leak", Severity.ERROR, "public.notes", 4,
                "ALTER TABLE public.notes ENABLE ROW LEVEL SECURITY;", "ALTER TABLE public.notes DISABLE ROW LEVEL SECURITY;");
        FixMigration.Plan plan = FixMigration.plan(List.of(leak, RLS_DISABLED, otherLeak), FixSelection.DEFAULT);
        assertThat(plan.blocks()).extracting(b -> b.finding().rule() + " " + b.finding().table())
                .containsExactly("rls-disabled public.orders", "isolation-read-leak public.notes");
        assertThat(plan.skipped()).singleElement().satisfies(s -> {
            assertThat(s.finding()).isEqualTo(leak);
            assertThat(s.reason()).startsWith("covered by the fixes of rls-disabled on public.orders");
        });
    }

    @Test
    void aFixThatCannotRunInATransactionIsNotMixedWithOthers() {
        FixSelection both = FixSelection.parse(List.of("tenant-column-unindexed", "cross-tenant-reference"), List.of());
        FixMigration.Plan plan = FixMigration.plan(List.of(UNINDEXED, CROSS), both);
        assertThat(plan.blocks()).extracting(b -> b.finding().rule()).containsExactly("cross-tenant-reference");
        assertThat(plan.skipped()).singleElement().satisfies(s -> assertThat(s.reason())
                .contains("cannot run inside a transaction")
                .contains("-Ddbguard.fixRules=tenant-column-unindexed -Ddbguard.fixTables=public.items"));

        FixSelection alone = FixSelection.parse(List.of("tenant-column-unindexed"), List.of());
        assertThat(FixMigration.plan(List.of(UNINDEXED, CROSS), alone).blocks()).hasSize(1);
    }

    @Test
    void eachStatementStandsUnderItsFindingAndTheRollbackRunsInReverse() {
        Finding again = finding("rls-not-forced", Severity.ERROR, "public.orders", 4,
                "ALTER TABLE public.orders FORCE ROW LEVEL SECURITY;", "ALTER TABLE public.orders NO FORCE ROW LEVEL SECURITY;");
        FixMigration.Plan plan = FixMigration.plan(List.of(RLS_DISABLED, NULLABLE, again), FixSelection.DEFAULT);

        assertThat(FixMigration.migrationText(plan, "U3__db_guard_fixes.sql")).isEqualTo("""
                -- Fixes of db-guard findings, written by db-guard:fix. Review them before committing:
                -- each statement stands under the finding it fixes. Rollback: U3__db_guard_fixes.sql

                -- rls-disabled (ERROR) on public.orders: rls-disabled on public.orders [V2__orders.sql:2]
                ALTER TABLE public.orders ENABLE ROW LEVEL SECURITY;
                ALTER TABLE public.orders FORCE ROW LEVEL SECURITY;

                -- tenant-column-nullable (ERROR) on public.orders: tenant-column-nullable on public.orders [V2__orders.sql:3]
                SELECT count(*) FROM public.orders WHERE tenant_id IS NULL; -- assign or remove these rows first
                ALTER TABLE public.orders ALTER COLUMN tenant_id SET NOT NULL;

                -- rls-not-forced (ERROR) on public.orders: rls-not-forced on public.orders [V2__orders.sql:4]
                -- (its statements are written above)
                """);
        assertThat(FixMigration.rollbackText(plan, "V3__db_guard_fixes.sql")).isEqualTo("""
                -- Rollback of V3__db_guard_fixes.sql, written by db-guard:fix: each finding's rollback, in reverse order.

                -- rls-not-forced (ERROR) on public.orders: rls-not-forced on public.orders [V2__orders.sql:4]
                ALTER TABLE public.orders NO FORCE ROW LEVEL SECURITY;

                -- tenant-column-nullable (ERROR) on public.orders: tenant-column-nullable on public.orders [V2__orders.sql:3]
                ALTER TABLE public.orders ALTER COLUMN tenant_id DROP NOT NULL;

                -- rls-disabled (ERROR) on public.orders: rls-disabled on public.orders [V2__orders.sql:2]
                ALTER TABLE public.orders DISABLE ROW LEVEL SECURITY;
                """);
    }

    @Test
    void filesAreNamedAfterTheVersionAndNeverOverwritten(@TempDir Path folder) throws IOException {
        FixMigration.Plan plan = FixMigration.plan(List.of(RLS_DISABLED), FixSelection.DEFAULT);
        FixMigration.Written written = FixMigration.write(plan, folder, "V", "1.2.4");
        assertThat(written.migration()).isEqualTo(folder.resolve("V1.2.4__db_guard_fixes.sql"));
        assertThat(written.rollback()).isEqualTo(folder.resolve("U1.2.4__db_guard_fixes.sql"));
        assertThat(Files.readString(written.migration())).contains("ENABLE ROW LEVEL SECURITY");

        assertThatThrownBy(() -> FixMigration.write(plan, folder, "V", "1.2.4"))
                .isInstanceOf(DbGuardException.class)
                .hasMessage(folder.resolve("V1.2.4__db_guard_fixes.sql")
                        + " already exists and db-guard never overwrites a migration: commit or remove it,"
                        + " then run db-guard:fix again");

        // only the rollback script exists: nothing is written, and it keeps its content
        Path undo = folder.resolve("U8__db_guard_fixes.sql");
        Files.writeString(undo, "-- mine");
        assertThatThrownBy(() -> FixMigration.write(plan, folder, "V", "8"))
                .isInstanceOf(DbGuardException.class).hasMessageStartingWith(undo + " already exists");
        assertThat(Files.readString(undo)).isEqualTo("-- mine");
        assertThat(folder.resolve("V8__db_guard_fixes.sql")).doesNotExist();
    }
}
