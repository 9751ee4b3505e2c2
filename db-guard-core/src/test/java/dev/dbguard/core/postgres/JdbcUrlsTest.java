package dev.dbguard.core.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dbguard.core.api.DbGuardException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class JdbcUrlsTest {

    @Test
    void anotherDatabaseOnTheSameServerKeepsTheParameters() {
        assertThat(JdbcUrls.withDatabase("jdbc:postgresql://db.internal:6543/postgres?sslmode=require", "db_guard_1"))
                .isEqualTo("jdbc:postgresql://db.internal:6543/db_guard_1?sslmode=require");
        assertThat(JdbcUrls.withDatabase("jdbc:postgresql://a:1,b:2/app", "x")).isEqualTo("jdbc:postgresql://a:1,b:2/x");
    }

    @Test
    void secretsAreLeftOutOfPrintableUrls() {
        assertThat(JdbcUrls.withoutSecrets("jdbc:postgresql://h/postgres?user=u&password=p%40ss&sslmode=require&sslpassword=k"))
                .isEqualTo("jdbc:postgresql://h/postgres?user=u&sslmode=require");
        assertThat(JdbcUrls.withoutSecrets("jdbc:postgresql://h/postgres?PASSWORD=x")).isEqualTo("jdbc:postgresql://h/postgres");
    }

    @Test
    void hostPortAndDatabase() {
        String url = "jdbc:postgresql://db.internal:6543/app?sslmode=require";
        assertThat(JdbcUrls.host(url)).isEqualTo("db.internal");
        assertThat(JdbcUrls.port(url)).isEqualTo(6543);
        assertThat(JdbcUrls.database(url)).isEqualTo("app");
        assertThat(JdbcUrls.port("jdbc:postgresql://localhost/app")).isEqualTo(5432);
        assertThat(JdbcUrls.host("jdbc:postgresql://[::1]:5433/app")).isEqualTo("[::1]");
        assertThat(JdbcUrls.port("jdbc:postgresql://[::1]:5433/app")).isEqualTo(5433);
    }

    @Test
    void aUrlThatIsNotPostgresOrNamesNoDatabaseIsRefusedWithWhatToWrite() {
        assertThatThrownBy(() -> JdbcUrls.validate("jdbc:mysql://h/db")).isInstanceOf(DbGuardException.class)
                .hasMessageContaining("jdbc:postgresql://host:5432/postgres");
        assertThatThrownBy(() -> JdbcUrls.validate("jdbc:postgresql://h:5432")).isInstanceOf(DbGuardException.class)
                .hasMessageContaining("names no database");
    }

    @Test
    void scrubbingMasksThePasswordPlainAndUrlEncodedAndAnyPasswordParameter() {
        Secrets secrets = new Secrets("p@ss word");
        assertThat(secrets.scrub("failed for p@ss word at jdbc:postgresql://h/db?password=p%40ss+word&x=1"))
                .isEqualTo("failed for **** at jdbc:postgresql://h/db?password=****&x=1");
        assertThat(secrets.scrub("jdbc:postgresql://h/db?sslpassword=other")).isEqualTo("jdbc:postgresql://h/db?sslpassword=****");
        SQLException scrubbed = secrets.scrub(new SQLException("bad p@ss word", "28P01", 7));
        assertThat(scrubbed.getMessage()).isEqualTo("bad ****");
        assertThat(scrubbed.getSQLState()).isEqualTo("28P01");
    }

    @Test
    void connectionInfoNeverPrintsItsPassword() {
        ConnectionInfo info = ConnectionInfo.of("jdbc:postgresql://h:5433/db?password=zz", "u", "zz");
        assertThat(info.url()).isEqualTo("jdbc:postgresql://h:5433/db");
        assertThat(info.port()).isEqualTo(5433);
        assertThat(info.database()).isEqualTo("db");
        assertThat(info.toString()).doesNotContain("zz");
    }
}
