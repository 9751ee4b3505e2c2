package dev.dbguard.core.rules.locking;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbguard.core.rules.locking.ColumnTypeChangeRule.Verdict;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The rewrite verdicts, each measured on PostgreSQL 17 (relfilenode before and after {@code ALTER COLUMN ... TYPE}
 * on a table with a row; timestamp/timestamptz with the session's TimeZone in UTC and in Europe/Berlin).
 */
class ColumnTypeChangeRuleTest {

    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @CsvSource(delimiter = '|', value = {
            "character varying(20)|character varying(40)|NO_REWRITE",
            "character varying(20)|character varying(10)|REWRITE",
            "character varying(20)|character varying|NO_REWRITE",
            "character varying(20)|text|NO_REWRITE",
            "character varying|text|NO_REWRITE",
            "text|character varying|NO_REWRITE",
            "text|character varying(10)|REWRITE",
            "character varying|character varying(10)|REWRITE",
            "character(5)|character(10)|REWRITE",
            "character(5)|text|REWRITE",
            "character(5)|character varying|REWRITE",
            "character varying(5)|character(5)|REWRITE",
            "text|character(5)|REWRITE",
            "numeric(10,2)|numeric(12,2)|NO_REWRITE",
            "numeric(10,2)|numeric(12,3)|REWRITE",
            "numeric(10,2)|numeric|NO_REWRITE",
            "numeric(10,2)|numeric(8,2)|REWRITE",
            "numeric|numeric(10,2)|REWRITE",
            "bit varying(5)|bit varying(10)|NO_REWRITE",
            "bit varying(5)|bit varying|NO_REWRITE",
            "bit(5)|bit varying(10)|REWRITE",
            "bit(5)|bit varying|NO_REWRITE",
            "cidr|inet|NO_REWRITE",
            "inet|cidr|REWRITE",
            "integer|bigint|REWRITE",
            "smallint|integer|REWRITE",
            "bigint|integer|REWRITE",
            "timestamp without time zone|timestamp with time zone|REWRITE_UNLESS_UTC",
            "timestamp with time zone|timestamp without time zone|REWRITE_UNLESS_UTC",
            "timestamp(3) without time zone|timestamp(6) with time zone|REWRITE_UNLESS_UTC",
            "timestamp(3) without time zone|timestamp(6) without time zone|NO_REWRITE",
            "timestamp(3) without time zone|timestamp without time zone|NO_REWRITE",
            "timestamp(3) with time zone|timestamp with time zone|NO_REWRITE",
            "timestamp(6) without time zone|timestamp(3) without time zone|REWRITE",
            "time(3) without time zone|time(6) without time zone|NO_REWRITE",
            "time(3) without time zone|time without time zone|NO_REWRITE",
            "time(3) with time zone|time with time zone|NO_REWRITE",
            "interval(3)|interval|NO_REWRITE",
            "interval(3)|interval(6)|NO_REWRITE",
            "interval day|interval|NO_REWRITE",
            "interval|interval day|REWRITE",
            "json|jsonb|REWRITE",
            "jsonb|json|REWRITE",
            "character varying(20)[]|text[]|REWRITE",
            "character varying(20)[]|character varying(40)[]|REWRITE",
            "xml|text|NO_REWRITE",
            "integer|oid|NO_REWRITE",
            "oid|integer|NO_REWRITE",
            "integer|regclass|NO_REWRITE",
            "oid|regclass|NO_REWRITE",
            "uuid|text|REWRITE",
            "text|name|REWRITE",
            "name|text|REWRITE",
            "real|double precision|REWRITE",
            "date|timestamp without time zone|REWRITE",
            "integer|numeric|REWRITE",
            "money|numeric|REWRITE",
            "integer|posint|REWRITE"})
    void judgesLikePostgres(String from, String to, Verdict expected) {
        assertThat(ColumnTypeChangeRule.judge(from, to)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "ALTER TABLE t ALTER COLUMN c TYPE text USING lower(c)|true",
            "ALTER TABLE t ALTER COLUMN c TYPE text USING c|false",
            "ALTER TABLE t ALTER COLUMN c TYPE text USING c::text|false",
            "ALTER TABLE t ALTER COLUMN c SET DATA TYPE varchar(40) USING (c)::character varying(40)|false",
            "ALTER TABLE t ALTER c TYPE bigint USING c + 1, ALTER COLUMN d TYPE text|true",
            "ALTER TABLE t ALTER COLUMN c TYPE text|false"})
    void readsUsing(String sql, boolean rewrites) {
        assertThat(ColumnTypeChangeRule.usingRewrites(sql, "c", "c")).isEqualTo(rewrites);
    }
}
