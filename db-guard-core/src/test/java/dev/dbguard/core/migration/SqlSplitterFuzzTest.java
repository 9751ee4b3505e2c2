package dev.dbguard.core.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Feeds the splitter random scripts made of the fragments that change its state, and checks that it
 * always ends, either with statements that make sense or with a {@link MigrationException}.
 */
class SqlSplitterFuzzTest {

    private static final String[] FRAGMENTS = {
        "'", "''", "E'", "e'", "\\", "\\'", "U&'", "U&\"", "B'", "\"", "\"\"",
        "$", "$$", "$a$", "$A$", "$_t9$", "$1", "$9x$", "a$", "x$$",
        "--", "-", "/*", "*/", "/", "*", "\n", "\r\n", "\r", " ", "\t",
        ";", ";;", "(", ")", "BEGIN", "begin", " ATOMIC", "atomic", "CASE", "END", "end;",
        "CREATE FUNCTION f() RETURNS int LANGUAGE sql ", "SELECT 1", "DO ", "x", "42", "1e5", ".5",
        "\u00e9", "\uD83D\uDE00", "\uD83D", "\u00a0", "\0",
    };

    @Test
    void alwaysEndsWithStatementsOrMigrationException() {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (int round = 0; round < 30_000; round++) {
                StringBuilder script = new StringBuilder();
                int fragments = random.nextInt(60);
                for (int i = 0; i < fragments; i++) {
                    script.append(FRAGMENTS[random.nextInt(FRAGMENTS.length)]);
                }
                check(script.toString(), seed);
            }
        }, () -> "splitter did not end; seed " + seed);
    }

    @Test
    void longInputsStayLinear() {
        String body = "SELECT 'a;b', $$c;d$$, /* e; /* f */ */ \"g;h\" FROM t; -- i;\n".repeat(20_000);
        assertTimeoutPreemptively(Duration.ofSeconds(10), () ->
                assertThat(SqlScriptReader.split("big.sql", body)).hasSize(20_000));
        String unclosed = "SELECT 1;\n".repeat(20_000) + "/*" + " /* x".repeat(10_000);
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            try {
                SqlScriptReader.split("big.sql", unclosed);
            } catch (MigrationException expected) {
                assertThat(expected.line()).isEqualTo(20_001);
            }
        });
    }

    private static void check(String script, long seed) {
        List<SqlStatement> statements;
        try {
            statements = SqlScriptReader.split("fuzz.sql", script);
        } catch (MigrationException e) {
            assertThat(e.getMessage()).as("seed %d, script %s", seed, script).startsWith("fuzz.sql:" + e.line() + ": ");
            assertThat(e.line()).isBetween(1, (int) script.chars().filter(c -> c == '\n').count() + 1);
            return;
        }
        int previousLine = 0;
        for (int i = 0; i < statements.size(); i++) {
            SqlStatement s = statements.get(i);
            assertThat(s.index()).isEqualTo(i);
            assertThat(s.line()).as("seed %d, script %s", seed, script).isGreaterThanOrEqualTo(Math.max(1, previousLine));
            assertThat(s.sql()).isNotBlank().isEqualTo(s.sql().stripTrailing());
            assertThat(Character.isWhitespace(s.sql().charAt(0))).isFalse();
            assertThat(script).contains(s.sql());
            // classification never fails on what the splitter produced
            SqlScriptReader.requiresAutocommit(s);
            SqlScriptReader.controlsTransaction(s);
            previousLine = s.line();
        }
    }
}
