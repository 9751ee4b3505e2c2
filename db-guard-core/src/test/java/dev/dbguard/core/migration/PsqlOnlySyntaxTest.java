package dev.dbguard.core.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dbguard.core.api.RunListener;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** psql-only syntax in a plain migration: a message naming file, line and the construct, not a syntax error. */
class PsqlOnlySyntaxTest {

    @TempDir
    Path dir;

    private MigrationException rejected(String sql) {
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> SqlScriptReader.rejectPsqlOnly("V1__x.sql", sql));
        assertThat(thrown).isInstanceOf(MigrationException.class);
        return (MigrationException) thrown;
    }

    @Test
    void includeIsNamedWithFileAndLine() {
        MigrationException e = rejected("CREATE TABLE a (id int);\n\n\\i other.sql\nCREATE TABLE b (id int);\n");
        assertThat(e.file()).isEqualTo("V1__x.sql");
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.getMessage()).startsWith("V1__x.sql:3: \\i is a psql meta-command, not SQL");
    }

    @Test
    void connectAndSetAreMetaCommandsToo() {
        assertThat(rejected("\\connect tenants\nSELECT 1;").getMessage()).startsWith("V1__x.sql:1: \\connect is a psql meta-command");
        assertThat(rejected("SELECT 1;\n\\set ON_ERROR_STOP on\n").line()).isEqualTo(2);
        // a meta-command ending a query buffer, on the statement's own line
        assertThat(rejected("SELECT 1 \\gset\n").getMessage()).contains("\\gset is a psql meta-command");
    }

    @Test
    void copyFromStdinIsNamedAtItsStatement() {
        MigrationException e = rejected("CREATE TABLE a (id int, name text);\n\nCOPY a (id, name)\nFROM stdin;\n1\tone\n\\.\n");
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.getMessage()).startsWith("V1__x.sql:3: COPY ... FROM STDIN reads its rows from psql's input");
    }

    @Test
    void backslashesInStringsCommentsBodiesAndIdentifiersAreSql() {
        assertThatCode(() -> SqlScriptReader.rejectPsqlOnly("V1__x.sql", """
                -- \\i in a comment
                /* \\connect in a block comment */
                SELECT E'a\\\\b', 'c:\\\\dir', "we\\ird" FROM t;
                DO $$ BEGIN RAISE NOTICE '\\i'; END $$;
                COPY a TO STDOUT;
                COPY a FROM '/tmp/rows.csv';
                """)).doesNotThrowAnyException();
    }

    @Test
    void readingAPlainScriptRejectsItBeforeSplitting() throws IOException {
        Path file = dir.resolve("V1__seed.sql");
        Files.writeString(file, "CREATE TABLE a (id int);\nCOPY a FROM STDIN;\n1\n\\.\n", StandardCharsets.UTF_8);
        Migration migration = new Migration(dir, file, "V1__seed.sql", "1", "seed", Migration.Kind.VERSIONED);
        assertThatThrownBy(() -> SqlScriptReader.read(migration, RunListener.SILENT))
                .isInstanceOf(MigrationException.class)
                .hasMessageStartingWith("V1__seed.sql:2: COPY ... FROM STDIN");
    }
}
