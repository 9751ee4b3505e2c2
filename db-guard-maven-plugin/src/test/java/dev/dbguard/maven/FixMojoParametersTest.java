package dev.dbguard.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fix goal's parameters are checked before PostgreSQL starts, each with one message naming what to change. */
class FixMojoParametersTest {

    @TempDir
    Path basedir;

    private FixMojo mojo() {
        return MojoDefaults.inject(new FixMojo(null), basedir, basedir.resolve("db"));
    }

    @Test
    void anUnknownRuleIdFailsNamingTheParameterAndTheKnownIds() {
        FixMojo mojo = mojo();
        mojo.fixRules = List.of("rls-disabled,rls-of");
        assertThatThrownBy(mojo::execute)
                .isInstanceOf(MojoExecutionException.class)
                .hasMessageStartingWith("Invalid parameter fixRules (dbguard.fixRules): unknown rule id 'rls-of';"
                        + " known rules: ")
                .hasMessageContaining("rls-not-forced");
    }

    @Test
    void migrationsThatAreNotFlywaysAreRefused() throws Exception {
        Files.createDirectories(basedir.resolve("db"));
        Files.writeString(basedir.resolve("db/001_init.sql"), "CREATE TABLE t (id int);");
        FixMojo mojo = mojo();
        assertThatThrownBy(mojo::execute)
                .isInstanceOf(MojoExecutionException.class)
                .hasMessage("db-guard:fix writes Flyway migrations (V<version>__<description>.sql), and these"
                        + " migrations are plain: copy the fixes from db-guard.json into a migration of your own");
        assertThat(basedir.resolve("db")).isDirectoryNotContaining("glob:**db_guard_fixes.sql");
    }
}
