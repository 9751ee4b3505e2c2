package dev.dbguard.core.migration;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The statement shown in a failure message never shows a role's password. */
class StatementPreviewTest {

    @Test
    void rolePasswordsAreMasked() {
        assertThat(MigrationRunner.preview("CREATE ROLE app LOGIN PASSWORD 'it''s-secret' VALID UNTIL 'infinity'"))
                .isEqualTo("CREATE ROLE app LOGIN PASSWORD '****' VALID UNTIL 'infinity'");
        assertThat(MigrationRunner.preview("alter user app with encrypted password E'x\\\\y'"))
                .isEqualTo("alter user app with encrypted password '****'");
        assertThat(MigrationRunner.preview("ALTER ROLE app PASSWORD $pw$secret$pw$"))
                .isEqualTo("ALTER ROLE app PASSWORD '****'");
        assertThat(MigrationRunner.preview("ALTER ROLE app PASSWORD NULL")).isEqualTo("ALTER ROLE app PASSWORD NULL");
    }

    @Test
    void otherStatementsAreShownAsWritten() {
        assertThat(MigrationRunner.preview("UPDATE users SET password_hash = 'abc' WHERE id = 1"))
                .isEqualTo("UPDATE users SET password_hash = 'abc' WHERE id = 1");
        assertThat(MigrationRunner.preview("CREATE TABLE t (\n  id int\n)")).isEqualTo("CREATE TABLE t ( ...");
    }
}
