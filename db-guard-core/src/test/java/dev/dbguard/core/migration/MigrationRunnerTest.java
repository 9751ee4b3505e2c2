package dev.dbguard.core.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dbguard.core.api.RunListener;
import dev.dbguard.core.api.AppliedMigration;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/** Runs migrations against a real embedded PostgreSQL. */
class MigrationRunnerTest {

    private static EmbeddedPostgres pg;

    private Connection connection;
    private MigrationRunner runner;

    @BeforeAll
    static void startPostgres() throws Exception {
        pg = EmbeddedPostgres.builder().start();
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        if (pg != null) {
            pg.close();
        }
    }

    @BeforeEach
    void freshSchema(TestInfo test) throws SQLException {
        connection = pg.getPostgresDatabase().getConnection();
        String schema = "t_" + test.getTestMethod().orElseThrow().getName().toLowerCase();
        try (Statement st = connection.createStatement()) {
            st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            st.execute("CREATE SCHEMA " + schema);
            st.execute("SET search_path = " + schema);
        }
        runner = new MigrationRunner(connection);
    }

    @AfterEach
    void close() throws SQLException {
        connection.close();
    }

    private static Migration migration(String file) {
        return new Migration(Path.of("db"), Path.of("db", file), file, "3", "x", Migration.Kind.VERSIONED);
    }

    private AppliedMigration apply(String file, String sql, StatementListener listener) {
        return runner.apply(migration(file), SqlScriptReader.split(file, sql), listener);
    }

    private boolean exists(String relation) throws SQLException {
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT to_regclass('" + relation + "') IS NOT NULL")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    private long count(String sql) throws SQLException {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void failureOnThirdStatementRollsBackTheWholeMigration() throws SQLException {
        String sql = """
                CREATE TABLE accounts (id int PRIMARY KEY);
                INSERT INTO accounts VALUES (1), (2);
                -- the broken one: the typo is on the statement's second line
                CREATE TABLE broken (
                    id int PRIMRY KEY,
                    name text
                );
                CREATE TABLE never (id int);
                """;

        assertThatThrownBy(() -> apply("V3__broken.sql", sql, StatementListener.NONE))
                .isInstanceOf(MigrationException.class)
                .satisfies(e -> {
                    MigrationException m = (MigrationException) e;
                    assertThat(m.file()).isEqualTo("V3__broken.sql");
                    assertThat(m.line()).isEqualTo(5);
                    assertThat(m.sqlState()).isEqualTo("42601");
                    assertThat(m.getMessage()).isEqualTo("""
                            V3__broken.sql:5: PostgreSQL rejected the statement: 42601 syntax error at or near "PRIMRY"
                              statement: CREATE TABLE broken ( ...""");
                    assertThat(m.getMessage()).doesNotContain("PSQLException", "Exception", "\tat ");
                });

        assertThat(exists("accounts")).isFalse();
        assertThat(connection.getAutoCommit()).isTrue();
    }

    @Test
    void detailAndHintAreAppended() throws SQLException {
        String sql = "CREATE TABLE a (id int PRIMARY KEY);\nINSERT INTO a VALUES (1);\nINSERT INTO a VALUES (1);\n";

        assertThatThrownBy(() -> apply("V4__dup.sql", sql, StatementListener.NONE))
                .isInstanceOf(MigrationException.class)
                .hasMessage("""
                        V4__dup.sql:3: PostgreSQL rejected the statement: 23505 duplicate key value violates unique constraint "a_pkey"
                          statement: INSERT INTO a VALUES (1)
                          detail: Key (id)=(1) already exists.""");

        String hinted = "SELECT 1;\nSELECT nosuchfunction(1);";
        assertThatThrownBy(() -> apply("V5__hint.sql", hinted, StatementListener.NONE))
                .hasMessageStartingWith("V5__hint.sql:2: PostgreSQL rejected the statement: 42883 function nosuchfunction(integer) does not exist")
                .hasMessageContaining("\n  hint: No function matches the given name and argument types.");
        assertThat(exists("a")).isFalse();
    }

    @Test
    void positionCountsCharactersNotUtf16Units() {
        String sql = "SELECT '\uD83D\uDE00\uD83D\uDE00',\n  'x' +;";

        assertThatThrownBy(() -> apply("V6__emoji.sql", sql, StatementListener.NONE))
                .isInstanceOf(MigrationException.class)
                .satisfies(e -> assertThat(((MigrationException) e).line()).isEqualTo(2));
    }

    @Test
    void concurrentIndexMigrationRunsStatementByStatement() throws SQLException {
        String sql = """
                CREATE TABLE vehicles (id int PRIMARY KEY, plate text);
                INSERT INTO vehicles VALUES (1, 'AB-1');
                CREATE INDEX CONCURRENTLY vehicles_plate_idx ON vehicles (plate);
                """;
        List<SqlStatement> statements = SqlScriptReader.split("V5__index.sql", sql);
        List<Boolean> autoCommit = new ArrayList<>();
        StatementListener listener = new StatementListener() {
            @Override
            public void beforeStatement(Migration m, SqlStatement s, Connection c) throws SQLException {
                autoCommit.add(c.getAutoCommit());
            }
        };

        assertThat(MigrationRunner.runsInTransaction(statements)).isFalse();
        AppliedMigration applied = runner.apply(migration("V5__index.sql"), statements, listener);

        assertThat(applied.file()).isEqualTo("V5__index.sql");
        assertThat(applied.version()).isEqualTo("3");
        assertThat(applied.statements()).isEqualTo(3);
        assertThat(applied.millis()).isNotNegative();
        assertThat(autoCommit).containsExactly(true, true, true);
        assertThat(exists("vehicles_plate_idx")).isTrue();
        assertThat(connection.getAutoCommit()).isTrue();
    }

    @Test
    void failureWithoutTransactionKeepsEarlierStatementsAndSaysSo() throws SQLException {
        String sql = """
                CREATE TABLE kept (id int);
                CREATE INDEX CONCURRENTLY kept_idx ON kept (id);
                CREATE INDEX CONCURRENTLY bad_idx ON missing (id);
                """;

        assertThatThrownBy(() -> apply("V6__partial.sql", sql, StatementListener.NONE))
                .hasMessageStartingWith("V6__partial.sql:3: PostgreSQL rejected the statement: 42P01 relation \"missing\" does not exist")
                .hasMessageContaining("\n  note: the migration runs without a transaction (line 2: CREATE INDEX CONCURRENTLY kept_idx");
        assertThat(exists("kept")).isTrue();
    }

    @Test
    void transactionalMigrationCallsListenerInsideTheTransaction() throws SQLException {
        List<String> calls = new ArrayList<>();
        StatementListener listener = new StatementListener() {
            @Override
            public void beforeStatement(Migration m, SqlStatement s, Connection c) throws SQLException {
                calls.add("before " + s.line() + " autocommit=" + c.getAutoCommit());
            }

            @Override
            public void afterStatement(Migration m, SqlStatement s, Connection c) throws SQLException {
                calls.add("after " + s.line());
            }
        };

        AppliedMigration applied = apply("V1__two.sql", "CREATE TABLE a (id int);\n\nINSERT INTO a VALUES (1) RETURNING id;", listener);

        assertThat(calls).containsExactly("before 1 autocommit=false", "after 1", "before 3 autocommit=false", "after 3");
        assertThat(applied.statements()).isEqualTo(2);
        assertThat(count("SELECT count(*) FROM a")).isEqualTo(1);
        assertThat(connection.getAutoCommit()).isTrue();
    }

    @Test
    void doBlockWithSemicolonsWorks() throws SQLException {
        String sql = """
                DO $$
                DECLARE
                  i int;
                BEGIN
                  CREATE TABLE d (id int);
                  FOR i IN 1..3 LOOP
                    INSERT INTO d VALUES (i);
                  END LOOP;
                END
                $$;
                """;

        apply("V2__do.sql", sql, StatementListener.NONE);

        assertThat(count("SELECT count(*) FROM d")).isEqualTo(3);
    }

    @Test
    void journalTagCommentInFrontOfEachStatementLeavesErrorLinesAlone() {
        StatementListener tagging = dev.dbguard.core.journal.DdlJournal.tagging(3);
        String positioned = "SELECT 1;\nCREATE TABLE broken (\n    id int PRIMRY KEY\n);\n";
        assertThatThrownBy(() -> apply("V20__broken.sql", positioned, tagging))
                .isInstanceOf(MigrationException.class)
                .satisfies(e -> assertThat(((MigrationException) e).line()).isEqualTo(3))
                .hasMessageContaining("statement: CREATE TABLE broken ( ...")
                .hasMessageNotContaining("db_guard");
        String emoji = "SELECT '\uD83D\uDE00\uD83D\uDE00',\n  'x' +;";
        assertThatThrownBy(() -> apply("V21__emoji.sql", emoji, tagging))
                .satisfies(e -> assertThat(((MigrationException) e).line()).isEqualTo(2));
        String block = "SELECT 1;\nDO $$\nBEGIN\n  PERFORM 1;\n  RAISE EXCEPTION 'boom';\nEND\n$$;\n";
        assertThatThrownBy(() -> apply("V22__raise.sql", block, tagging))
                .satisfies(e -> assertThat(((MigrationException) e).line()).isEqualTo(5));
    }

    @Test
    void errorRaisedInsideDoBlockPointsAtItsLine() {
        String sql = """
                SELECT 1;
                DO $$
                BEGIN
                  PERFORM 1;
                  RAISE EXCEPTION 'tenant % missing', 7 USING HINT = 'create it first';
                END
                $$;
                """;

        assertThatThrownBy(() -> apply("V8__raise.sql", sql, StatementListener.NONE))
                .isInstanceOf(MigrationException.class)
                .hasMessageStartingWith("V8__raise.sql:5: PostgreSQL rejected the statement: P0001 tenant 7 missing\n  statement: DO $$ ...")
                .hasMessageContaining("\n  hint: create it first")
                .hasMessageContaining("\n  context: PL/pgSQL function inline_code_block line 4 at RAISE");
    }

    @Test
    void beginAtomicFunctionApplies() throws SQLException {
        String sql = """
                CREATE TABLE n (v int);
                CREATE FUNCTION add_n(x int) RETURNS void
                LANGUAGE sql
                BEGIN ATOMIC
                  INSERT INTO n VALUES (CASE WHEN x > 0 THEN x ELSE 0 END);
                  INSERT INTO n VALUES (x);
                END;
                SELECT add_n(2);
                """;

        AppliedMigration applied = apply("V9__atomic.sql", sql, StatementListener.NONE);

        assertThat(applied.statements()).isEqualTo(3);
        assertThat(count("SELECT sum(v) FROM n")).isEqualTo(4);
    }

    @Test
    void scriptThatControlsItsTransactions() throws SQLException {
        apply("V10__own.sql", "BEGIN;\nCREATE TABLE own (id int);\nCOMMIT;\n", StatementListener.NONE);
        assertThat(exists("own")).isTrue();

        assertThatThrownBy(() -> apply("V11__open.sql", "BEGIN;\nCREATE TABLE dangling (id int);\n", StatementListener.NONE))
                .isInstanceOf(MigrationException.class)
                .hasMessage("V11__open.sql: leaves a transaction open (a BEGIN without COMMIT); it was rolled back."
                        + " End the migration with COMMIT");
        assertThat(exists("dangling")).isFalse();

        assertThatThrownBy(() -> apply("V12__fails.sql", "BEGIN;\nCREATE TABLE half (id int);\nSELECT 1/0;\nCOMMIT;", StatementListener.NONE))
                .hasMessageStartingWith("V12__fails.sql:3: PostgreSQL rejected the statement: 22012 division by zero")
                .hasMessageContaining("note: the migration controls transactions itself (line 1)");
        assertThat(exists("half")).isFalse();
        assertThat(connection.getAutoCommit()).isTrue();
        // the connection is usable afterwards: no transaction left behind
        assertThat(count("SELECT 41 + 1")).isEqualTo(42);
    }

    @Test
    void realisticScriptApplies() throws SQLException, URISyntaxException {
        Path script = Path.of(getClass().getResource("/migration/V7__everything.sql").toURI());
        Migration m = new Migration(script.getParent(), script, "V7__everything.sql", "7", "everything", Migration.Kind.VERSIONED);
        List<SqlStatement> statements = SqlScriptReader.read(m, RunListener.SILENT);

        AppliedMigration applied = runner.apply(m, statements, StatementListener.NONE);

        assertThat(applied.statements()).isEqualTo(7);
        assertThat(count("SELECT count(*) FROM tenants")).isEqualTo(2);
        assertThat(exists("tenants_name_idx")).isTrue();
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT tenant_name(1), obj_description('tenants'::regclass)")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("a");
            assertThat(rs.getString(2)).isEqualTo("one row per customer; never deleted");
        }
    }

    @Test
    void emptyMigrationAppliesNothing() {
        AppliedMigration applied = runner.apply(migration("V13__empty.sql"), List.of(), StatementListener.NONE);

        assertThat(applied).isEqualTo(new AppliedMigration("V13__empty.sql", "3", 0, applied.millis()));
    }
}
