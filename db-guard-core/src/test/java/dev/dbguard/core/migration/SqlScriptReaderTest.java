package dev.dbguard.core.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dbguard.core.api.RunListener;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqlScriptReaderTest {

    @TempDir
    Path dir;

    private final List<String> warnings = new ArrayList<>();
    private final RunListener listener = new RunListener() {
        @Override
        public void progress(String message) {
        }

        @Override
        public void warning(String message) {
            warnings.add(message);
        }
    };

    private static List<SqlStatement> split(String sql) {
        return SqlScriptReader.split("V1__x.sql", sql);
    }

    private static List<String> texts(String sql) {
        return split(sql).stream().map(SqlStatement::sql).toList();
    }

    // ---- splitting -------------------------------------------------------------------------------------

    @Test
    void splitsAtSemicolonsAndKeepsLastStatementWithoutOne() {
        List<SqlStatement> statements = split("CREATE TABLE a (id int);\nCREATE TABLE b (id int);\n\nSELECT 1");

        assertThat(statements).containsExactly(
                new SqlStatement(0, 1, "CREATE TABLE a (id int)"),
                new SqlStatement(1, 2, "CREATE TABLE b (id int)"),
                new SqlStatement(2, 4, "SELECT 1"));
    }

    @Test
    void lineIsTheFirstTokenAfterLeadingComments() {
        String sql = """
                -- header comment
                /* block
                   comment */

                CREATE TABLE a (
                  id int -- inline; not an end
                );  -- trailing comment
                /* between */ INSERT INTO a
                VALUES (1);
                -- only a comment at the end;
                """;

        List<SqlStatement> statements = split(sql);

        assertThat(statements).extracting(SqlStatement::line).containsExactly(5, 8);
        assertThat(statements.get(0).sql()).isEqualTo("CREATE TABLE a (\n  id int -- inline; not an end\n)");
        assertThat(statements.get(1).sql()).isEqualTo("INSERT INTO a\nVALUES (1)");
    }

    @Test
    void emptyStatementsAndCommentOnlyChunksAreDropped() {
        assertThat(texts(";;  ; -- x\n; /* y */ ;")).isEmpty();
        assertThat(texts("SELECT 1;;SELECT 2")).containsExactly("SELECT 1", "SELECT 2");
        assertThat(split(";;SELECT 2").get(0).index()).isZero();
    }

    @Test
    void trailingCommentBeforeSemicolonStaysAndWhitespaceIsTrimmed() {
        assertThat(texts("SELECT 1 -- one\n ;")).containsExactly("SELECT 1 -- one");
        assertThat(texts("SELECT 1 \t\n\n")).containsExactly("SELECT 1");
    }

    @Test
    void nestedBlockCommentsHideSemicolons() {
        assertThat(texts("SELECT /* a /* b; */ c; */ 1; SELECT 2"))
                .containsExactly("SELECT /* a /* b; */ c; */ 1", "SELECT 2");
    }

    @Test
    void standardStringsWithDoubledQuotes() {
        assertThat(texts("INSERT INTO t VALUES ('it''s; fine', 'a\\'); SELECT 2"))
                .containsExactly("INSERT INTO t VALUES ('it''s; fine', 'a\\')", "SELECT 2");
    }

    @Test
    void escapeStringsUseBackslashes() {
        assertThat(texts("SELECT E'\\';'; SELECT e'a\\\\'; SELECT 3"))
                .containsExactly("SELECT E'\\';'", "SELECT e'a\\\\'", "SELECT 3");
    }

    @Test
    void escapeStringPrefixOnlyAsItsOwnWord() {
        // "typE" ends in E, but the quote after it starts a standard string: the backslash is plain text
        assertThat(texts("SELECT typE'\\'; SELECT 2")).containsExactly("SELECT typE'\\'", "SELECT 2");
    }

    @Test
    void unicodeAndOtherPrefixedStrings() {
        assertThat(texts("SELECT U&'d\\0061t;a', U&\"x;y\", B'1;0', X'1F;', N'n;'; SELECT 2"))
                .containsExactly("SELECT U&'d\\0061t;a', U&\"x;y\", B'1;0', X'1F;', N'n;'", "SELECT 2");
    }

    @Test
    void quotedIdentifiersWithDoubledQuotes() {
        assertThat(texts("CREATE TABLE \"a\"\"; b\" (\"x;\" int); SELECT 2"))
                .containsExactly("CREATE TABLE \"a\"\"; b\" (\"x;\" int)", "SELECT 2");
    }

    @Test
    void doBlockWithSemicolonsInside() {
        String sql = """
                DO $$
                BEGIN
                  CREATE TABLE x (id int);
                  INSERT INTO x VALUES (1);
                END
                $$;
                SELECT 1;
                """;

        List<SqlStatement> statements = split(sql);

        assertThat(statements).hasSize(2);
        assertThat(statements.get(0).sql()).startsWith("DO $$").endsWith("END\n$$");
        assertThat(statements.get(1)).isEqualTo(new SqlStatement(1, 7, "SELECT 1"));
    }

    @Test
    void taggedDollarQuoteContainingPlainDollarQuotes() {
        String sql = """
                CREATE FUNCTION f() RETURNS text LANGUAGE plpgsql AS $fn$
                BEGIN
                  EXECUTE $$SELECT 1; SELECT 2$$;
                  RETURN $x$;$x$;
                END
                $fn$;
                SELECT f();
                """;

        List<SqlStatement> statements = split(sql);

        assertThat(statements).extracting(SqlStatement::line).containsExactly(1, 7);
        assertThat(statements.get(0).sql()).endsWith("END\n$fn$");
    }

    @Test
    void dollarTagsAreCaseSensitiveAndFollowIdentifierRules() {
        // $FN$ does not close $fn$
        assertThat(texts("SELECT $fn$ a; $FN$ b; $fn$; SELECT 2")).containsExactly("SELECT $fn$ a; $FN$ b; $fn$", "SELECT 2");
        // $1 is a parameter, not a quote: the semicolon after it ends the statement
        assertThat(texts("PREPARE p(int) AS SELECT $1; SELECT $2")).containsExactly("PREPARE p(int) AS SELECT $1", "SELECT $2");
        // a $ inside a word belongs to the word
        assertThat(texts("SELECT a$b$ FROM t; SELECT 2")).containsExactly("SELECT a$b$ FROM t", "SELECT 2");
        // $_tag9$ is a valid tag, $9tag$ is not one (a parameter then a word)
        assertThat(texts("SELECT $_tag9$;$_tag9$; SELECT 2")).containsExactly("SELECT $_tag9$;$_tag9$", "SELECT 2");
        assertThat(texts("SELECT $9tag$; SELECT 2")).containsExactly("SELECT $9tag$", "SELECT 2");
    }

    @Test
    void beginAtomicBodyKeepsItsSemicolons() {
        String sql = """
                CREATE FUNCTION grade(score int) RETURNS text
                LANGUAGE sql
                BEGIN ATOMIC
                  SELECT CASE WHEN score > 50 THEN 'pass' ELSE 'fail' END;
                  SELECT 'x;y';
                END;
                CREATE OR REPLACE PROCEDURE p()
                begin atomic
                  insert into t values (1);
                  insert into t select case when true then 1 end;
                end;
                SELECT 3;
                """;

        List<SqlStatement> statements = split(sql);

        assertThat(statements).extracting(SqlStatement::line).containsExactly(1, 7, 12);
        assertThat(statements.get(0).sql()).endsWith("SELECT 'x;y';\nEND");
        assertThat(statements.get(1).sql()).endsWith("end");
    }

    @Test
    void transactionBeginIsAnOrdinaryStatement() {
        assertThat(texts("BEGIN; CREATE TABLE a (id int); COMMIT; begin transaction; end;"))
                .containsExactly("BEGIN", "CREATE TABLE a (id int)", "COMMIT", "begin transaction", "end");
    }

    @Test
    void semicolonsInsideParenthesesDoNotEndTheStatement() {
        assertThat(texts("CREATE RULE r AS ON INSERT TO t DO ALSO (INSERT INTO a VALUES (1); INSERT INTO b VALUES (2)); SELECT 1"))
                .containsExactly("CREATE RULE r AS ON INSERT TO t DO ALSO (INSERT INTO a VALUES (1); INSERT INTO b VALUES (2))",
                        "SELECT 1");
        // a stray closing parenthesis does not confuse what follows
        assertThat(texts("SELECT 1); SELECT 2")).containsExactly("SELECT 1)", "SELECT 2");
    }

    @Test
    void commentMarkersInsideStringsAreText() {
        assertThat(texts("SELECT '--;', '/*;', $$*/;$$, \"--\"; SELECT 2"))
                .containsExactly("SELECT '--;', '/*;', $$*/;$$, \"--\"", "SELECT 2");
    }

    // ---- unterminated constructs -----------------------------------------------------------------------

    @Test
    void unterminatedDollarBodyNamesTagAndLine() {
        String sql = "SELECT 1;\n\nCREATE FUNCTION f() RETURNS int AS $fn$\nBEGIN\n  RETURN 1;\nEND\n$$;\n";

        assertThatThrownBy(() -> SqlScriptReader.split("V3__x.sql", sql))
                .isInstanceOf(MigrationException.class)
                .hasMessage("V3__x.sql:3: dollar-quoted body $fn$ opened here is never closed")
                .satisfies(e -> {
                    MigrationException m = (MigrationException) e;
                    assertThat(m.file()).isEqualTo("V3__x.sql");
                    assertThat(m.line()).isEqualTo(3);
                    assertThat(m.sqlState()).isNull();
                });
    }

    @Test
    void unterminatedString() {
        assertThatThrownBy(() -> split("SELECT 1;\nINSERT INTO t VALUES ('it's');\nSELECT 2;"))
                .isInstanceOf(MigrationException.class)
                .hasMessageStartingWith("V1__x.sql:2: string literal opened here is never closed");
    }

    @Test
    void unterminatedEscapeString() {
        assertThatThrownBy(() -> split("SELECT E'abc\\';"))
                .isInstanceOf(MigrationException.class)
                .hasMessageStartingWith("V1__x.sql:1: escape string E'...' opened here is never closed");
    }

    @Test
    void unterminatedQuotedIdentifier() {
        assertThatThrownBy(() -> split("\n\nSELECT \"abc;"))
                .isInstanceOf(MigrationException.class)
                .hasMessageStartingWith("V1__x.sql:3: quoted identifier \" opened here is never closed");
    }

    @Test
    void unterminatedNestedBlockComment() {
        assertThatThrownBy(() -> split("SELECT 1;\n/* outer\n /* inner */\nSELECT 2;"))
                .isInstanceOf(MigrationException.class)
                .hasMessageStartingWith("V1__x.sql:2: block comment /* opened here is never closed");
    }

    @Test
    void unterminatedBeginAtomic() {
        assertThatThrownBy(() -> split("CREATE FUNCTION f() RETURNS int LANGUAGE sql\nBEGIN ATOMIC\n SELECT 1;\n"))
                .isInstanceOf(MigrationException.class)
                .hasMessage("V1__x.sql:2: BEGIN ATOMIC body opened here is never closed (its END is missing)");
    }

    // ---- reading files ---------------------------------------------------------------------------------

    private Migration migration(String name, byte[] content) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, content);
        return new Migration(dir, file, name, "1", "x", Migration.Kind.VERSIONED);
    }

    @Test
    void byteOrderMarkIsStrippedWithWarning() throws IOException {
        byte[] sql = "SELECT 1;".getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[sql.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(sql, 0, withBom, 3, sql.length);

        List<SqlStatement> statements = SqlScriptReader.read(migration("V1__bom.sql", withBom), listener);

        assertThat(statements).containsExactly(new SqlStatement(0, 1, "SELECT 1"));
        assertThat(warnings).singleElement().asString().startsWith("V1__bom.sql starts with a UTF-8 byte order mark");
    }

    @Test
    void crlfIsNormalizedWithOneWarning() throws IOException {
        String sql = "SELECT 1;\r\n\r\nSELECT 'a\r\nb';\rSELECT 3;\r\n";

        List<SqlStatement> statements = SqlScriptReader.read(migration("V1__crlf.sql", sql.getBytes(StandardCharsets.UTF_8)), listener);

        assertThat(statements).containsExactly(
                new SqlStatement(0, 1, "SELECT 1"),
                new SqlStatement(1, 3, "SELECT 'a\nb'"),
                new SqlStatement(2, 5, "SELECT 3"));
        assertThat(warnings).singleElement().asString().contains("CR or CRLF");
    }

    @Test
    void invalidUtf8NamesLineOfFirstBadByte() throws IOException {
        byte[] latin1 = "SELECT 1;\r\n-- caf\u00e9\nSELECT 'na\u00efve';\n".getBytes(StandardCharsets.ISO_8859_1);

        assertThatThrownBy(() -> SqlScriptReader.read(migration("V2__latin1.sql", latin1), listener))
                .isInstanceOf(MigrationException.class)
                .hasMessage("V2__latin1.sql:2: is not valid UTF-8 (byte 0xE9 at column 7); save the file as UTF-8,"
                        + " the encoding db-guard and Flyway read migrations in")
                .satisfies(e -> assertThat(((MigrationException) e).line()).isEqualTo(2));
    }

    @Test
    void columnOfBadByteCountsCharactersNotBytes() throws IOException {
        byte[] good = "-- \u00e9\u00e9 ".getBytes(StandardCharsets.UTF_8);
        byte[] bad = new byte[good.length + 1];
        System.arraycopy(good, 0, bad, 0, good.length);
        bad[good.length] = (byte) 0xFF;

        assertThatThrownBy(() -> SqlScriptReader.read(migration("V2__bad.sql", bad), listener))
                .hasMessageStartingWith("V2__bad.sql:1: is not valid UTF-8 (byte 0xFF at column 7)");
    }

    @Test
    void emptyAndCommentOnlyFilesWarnAndYieldNothing() throws IOException {
        assertThat(SqlScriptReader.read(migration("V1__empty.sql", new byte[0]), listener)).isEmpty();
        assertThat(SqlScriptReader.read(migration("V2__comments.sql",
                "-- nothing yet;\n/* later; */\n".getBytes(StandardCharsets.UTF_8)), listener)).isEmpty();

        assertThat(warnings).containsExactly(
                "V1__empty.sql holds no SQL statement (empty, or only comments): it is applied as a no-op;"
                        + " if it should create something, a later migration that uses it fails with \"does not exist\"",
                "V2__comments.sql holds no SQL statement (empty, or only comments): it is applied as a no-op;"
                        + " if it should create something, a later migration that uses it fails with \"does not exist\"");
    }

    @Test
    void missingFile() {
        Migration gone = new Migration(dir, dir.resolve("V9__gone.sql"), "V9__gone.sql", "9", "gone", Migration.Kind.VERSIONED);

        assertThatThrownBy(() -> SqlScriptReader.read(gone, listener))
                .isInstanceOf(MigrationException.class)
                .hasMessageStartingWith("V9__gone.sql: cannot be read: ")
                .hasMessageEndingWith("does not exist");
    }

    @Test
    void realisticScriptFromResources() throws URISyntaxException {
        Path script = Path.of(getClass().getResource("/migration/V7__everything.sql").toURI());
        Migration m = new Migration(script.getParent(), script, "V7__everything.sql", "7", "everything", Migration.Kind.VERSIONED);

        List<SqlStatement> statements = SqlScriptReader.read(m, listener);

        assertThat(statements).extracting(SqlStatement::line).containsExactly(4, 11, 18, 25, 32, 39, 41);
        assertThat(statements).extracting(s -> s.sql().lines().findFirst().orElseThrow()).containsExactly(
                "CREATE TABLE tenants (",
                "CREATE FUNCTION tenant_name(p_id bigint) RETURNS text",
                "DO $migrate$",
                "CREATE PROCEDURE touch_tenant(p_id bigint)",
                "INSERT INTO tenants (name, note) VALUES",
                "CREATE INDEX CONCURRENTLY tenants_name_idx ON tenants (name)",
                "COMMENT ON TABLE tenants IS 'one row per customer; never deleted'");
        assertThat(warnings).isEmpty();
    }

    // ---- transaction classification -------------------------------------------------------------------

    private static boolean autocommit(String sql) {
        return SqlScriptReader.requiresAutocommit(new SqlStatement(0, 1, sql));
    }

    private static boolean control(String sql) {
        return SqlScriptReader.controlsTransaction(new SqlStatement(0, 1, sql));
    }

    @Test
    void statementsThatCannotRunInATransaction() {
        assertThat(List.of(
                "CREATE INDEX CONCURRENTLY i ON t (a)",
                "create unique index concurrently if not exists i on t (a)",
                "CREATE /* comment */ INDEX\n  CONCURRENTLY i ON t (a)",
                "DROP INDEX CONCURRENTLY IF EXISTS i",
                "REINDEX INDEX CONCURRENTLY i",
                "REINDEX (VERBOSE) TABLE CONCURRENTLY t",
                "REINDEX (CONCURRENTLY) TABLE t",
                "REINDEX SCHEMA public",
                "REINDEX DATABASE d",
                "REINDEX SYSTEM",
                "ALTER TABLE p DETACH PARTITION p1 CONCURRENTLY",
                "CREATE DATABASE d",
                "DROP DATABASE IF EXISTS d",
                "ALTER DATABASE d SET TABLESPACE fast",
                "CREATE TABLESPACE fast LOCATION '/x'",
                "DROP TABLESPACE fast",
                "VACUUM",
                "vacuum (analyze) t",
                "ALTER SYSTEM SET work_mem = '8MB'",
                "CREATE SUBSCRIPTION s CONNECTION 'host=x' PUBLICATION p",
                "ALTER SUBSCRIPTION s REFRESH PUBLICATION",
                "DROP SUBSCRIPTION s",
                "CLUSTER",
                "CLUSTER VERBOSE",
                "CLUSTER (VERBOSE)",
                "DISCARD ALL",
                "COMMIT PREPARED 'x'",
                "ROLLBACK PREPARED 'x'"))
                .allSatisfy(sql -> assertThat(autocommit(sql)).as(sql).isTrue());
    }

    @Test
    void statementsThatRunInATransaction() {
        assertThat(List.of(
                "CREATE INDEX i ON t (a)",
                "CREATE INDEX concurrently_idx ON t (a)",
                "CREATE INDEX i ON t (a) WHERE note <> 'CONCURRENTLY'",
                "-- CREATE INDEX CONCURRENTLY i ON t (a)\nCREATE INDEX i ON t (a)",
                "REINDEX TABLE t",
                "ALTER TABLE p DETACH PARTITION p1",
                "ALTER TABLE p DETACH PARTITION p1 FINALIZE",
                "ALTER DATABASE d SET default_tablespace = 'x'",
                "CLUSTER t USING i",
                "CLUSTER VERBOSE t",
                "ANALYZE t",
                "SELECT 'VACUUM'",
                "CREATE TABLE \"vacuum\" (id int)",
                "DISCARD PLANS",
                "CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; END",
                "DO $$ BEGIN VACUUM; END $$",
                ""))
                .allSatisfy(sql -> assertThat(autocommit(sql)).as(sql).isFalse());
    }

    @Test
    void explicitTransactionControl() {
        assertThat(List.of("BEGIN", "begin transaction isolation level serializable", "BEGIN WORK",
                "START TRANSACTION", "COMMIT", "commit and chain", "END", "END TRANSACTION", "ROLLBACK",
                "ABORT", "PREPARE TRANSACTION 'x'", "/* c */ BEGIN"))
                .allSatisfy(sql -> assertThat(control(sql)).as(sql).isTrue());
        assertThat(List.of("ROLLBACK TO SAVEPOINT s", "ROLLBACK WORK TO s", "SAVEPOINT s", "RELEASE SAVEPOINT s",
                "CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; END",
                "DO $$ BEGIN COMMIT; END $$", "PREPARE p AS SELECT 1", "SELECT 'BEGIN'"))
                .allSatisfy(sql -> assertThat(control(sql)).as(sql).isFalse());
    }
}
