package dev.dbguard.core.rehearsal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbguard.core.migration.SqlScriptReader;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Which migrations the rehearsal may leave uncounted: those whose statements cannot remove a row. A wrong "keeps
 * rows" would hide a {@code rows-lost} finding, so everything that reads, writes or runs code must count.
 */
class RehearsalTest {

    private static final String[] KEEPS = {
            "CREATE TABLE t (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, total int GENERATED ALWAYS AS (id * 2) STORED);",
            "-- a comment first\nCREATE INDEX CONCURRENTLY t_x_idx ON t (x);",
            "ALTER TABLE t ADD COLUMN score integer DEFAULT 0;",
            "ALTER TABLE t ALTER COLUMN updated_at SET DEFAULT now();",
            "ALTER TABLE t ADD CONSTRAINT t_note_not_null CHECK (note IS NOT NULL) NOT VALID;",
            "ALTER TABLE t VALIDATE CONSTRAINT t_note_not_null; ALTER TABLE t ALTER COLUMN note SET NOT NULL;",
            "ALTER TABLE t ENABLE ROW LEVEL SECURITY; ALTER TABLE t FORCE ROW LEVEL SECURITY;",
            "CREATE POLICY p ON t USING (tenant_id = current_setting('app.tenant_id')::uuid);",
            "ALTER TABLE t DROP COLUMN rating; ALTER TABLE t RENAME COLUMN a TO b;",
            "COMMENT ON COLUMN t.c IS 'x'; GRANT SELECT ON t TO app; SET lock_timeout = '5s';",
            "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$ DELETE FROM t RETURNING 1 $$;",
            "ALTER TABLE p ATTACH PARTITION p2024 FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');",
    };

    /** Writes: they remove rows only through code of the schema, which the rehearsal looks for before it skips. */
    private static final String[] WRITES = {
            "INSERT INTO t VALUES (1);",
            "ALTER TABLE t ADD COLUMN x int; UPDATE t SET x = 1;",
            "INSERT INTO t (id) SELECT g FROM generate_series(1, 20) g; CREATE INDEX t_id_idx ON t (id);",
    };

    private static final String[] MAY_REMOVE = {
            "DELETE FROM t WHERE id < 10;",
            "TRUNCATE t;",
            "DROP TABLE t;",
            "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$ DELETE FROM t RETURNING 1 $$; INSERT INTO t2 SELECT f();",
            "CREATE TRIGGER t_purge AFTER INSERT ON t FOR EACH ROW EXECUTE FUNCTION purge(); INSERT INTO t VALUES (1);",
            "UPDATE t SET x = 1; DELETE FROM t WHERE x IS NULL;",
            "MERGE INTO t USING s ON t.id = s.id WHEN MATCHED THEN DELETE;",
            "DO $$ BEGIN DELETE FROM t; END $$;",
            "SELECT purge_old_rows();",
            "CALL purge();",
            "CREATE TABLE t2 AS SELECT * FROM t;",
            "CREATE UNLOGGED TABLE t2 AS (SELECT * FROM t);",
            "CREATE MATERIALIZED VIEW v AS SELECT purge();",
            "CREATE EXTENSION pg_trgm;",
            "ALTER TABLE p DETACH PARTITION p2024;",
            "ALTER TABLE t ADD COLUMN x int DEFAULT next_value_from_queue();",
            "ALTER TABLE t ALTER COLUMN x TYPE bigint USING convert_and_clean(x);",
            "ALTER TABLE t ADD CONSTRAINT c CHECK (check_and_delete(x));",
            "WITH gone AS (DELETE FROM t RETURNING *) SELECT count(*) FROM gone;",
    };

    static Stream<Arguments> migrations() {
        return Stream.of(
                Stream.of(KEEPS).map(sql -> Arguments.of(Rehearsal.RowEffect.KEEPS, sql)),
                Stream.of(WRITES).map(sql -> Arguments.of(Rehearsal.RowEffect.KEEPS_WITHOUT_CODE, sql)),
                Stream.of(MAY_REMOVE).map(sql -> Arguments.of(Rehearsal.RowEffect.MAY_REMOVE, sql)))
                .flatMap(s -> s);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("migrations")
    void judgesWhetherAMigrationCanRemoveRows(Rehearsal.RowEffect expected, String sql) {
        assertThat(Rehearsal.rowEffect(SqlScriptReader.split("V1", sql))).isEqualTo(expected);
    }
}
