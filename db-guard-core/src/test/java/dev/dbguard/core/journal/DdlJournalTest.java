package dev.dbguard.core.journal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbguard.core.migration.Migration;
import dev.dbguard.core.migration.MigrationRunner;
import dev.dbguard.core.migration.SqlScriptReader;
import dev.dbguard.core.postgres.JdbcDatabaseProvider;
import dev.dbguard.core.postgres.ThrowawayPostgres;
import dev.dbguard.core.testing.SharedPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the journal records for each statement, read back as table states: the table a migration creates captured
 * once as that migration left it, each later statement's state, carried parts, DDL inside a DO block, and the texts
 * kept per default and per index.
 */
class DdlJournalTest {

    private static final String[] MIGRATIONS = {
            // 0: a new table: captured once, as the migration left it, tagged with its last DDL statement
            """
            CREATE TABLE jt (id int PRIMARY KEY, name text);
            INSERT INTO jt VALUES (1, 'a');
            CREATE INDEX jt_name_idx ON jt (name);
            """,
            // 1: an existing table, statement by statement
            """
            ALTER TABLE jt ADD COLUMN created_at timestamptz DEFAULT now();
            ALTER INDEX jt_name_idx RENAME TO jt_label_idx;
            COMMENT ON TABLE jt IS 'journal test';
            ALTER TABLE jt RENAME COLUMN name TO label;
            ALTER TABLE jt ALTER COLUMN created_at SET DEFAULT clock_timestamp();
            """,
            // 2: DDL run by a DO block: one state per command, both tagged with the block's statement
            """
            DO $$
            BEGIN
                EXECUTE 'ALTER TABLE jt ADD COLUMN n integer';
                EXECUTE 'ALTER TABLE jt ALTER COLUMN n SET DEFAULT 7';
            END
            $$;
            """,
    };

    @Test
    void recordsEachStatementsTableState() throws Exception {
        ThrowawayPostgres shared = SharedPostgres.server();
        try (ThrowawayPostgres db = new JdbcDatabaseProvider(shared.jdbcUrl(), shared.adminUser(), null).create();
             Connection c = db.connectAsAdmin()) {
            DdlJournal.install(c);
            MigrationRunner runner = new MigrationRunner(c);
            for (int i = 0; i < MIGRATIONS.length; i++) {
                String file = "V" + (i + 1) + "__m.sql";
                Migration migration = new Migration(Path.of("db"), Path.of("db", file), file, String.valueOf(i + 1),
                        "m", Migration.Kind.VERSIONED);
                runner.apply(migration, SqlScriptReader.split(file, MIGRATIONS[i]), DdlJournal.tagging(i));
            }
            DdlJournal.flush(c);
            List<TableState> states = DdlJournal.readTableStates(c).stream()
                    .filter(s -> s.name().equals("jt")).toList();

            assertThat(states).extracting(s -> s.statementKey().migration() + ":" + s.statementKey().statement())
                    .containsExactly("0:2", "1:0", "1:1", "1:2", "1:3", "1:4", "2:0", "2:0");

            TableState created = states.get(0);
            assertThat(created.columns()).extracting(TableState.ColumnState::name).containsExactly("id", "name");
            assertThat(created.indexes()).extracting(TableState.IndexState::name)
                    .containsExactlyInAnyOrder("jt_pkey", "jt_name_idx");
            String indexText = created.indexes().stream().filter(i -> i.name().equals("jt_name_idx")).findFirst()
                    .orElseThrow().definition();
            assertThat(indexText).isEqualTo("CREATE INDEX jt_name_idx ON public.jt USING btree (name)");

            TableState added = states.get(1);
            TableState.ColumnState createdAt = added.column("created_at").orElseThrow();
            assertThat(createdAt.type()).isEqualTo("timestamp with time zone");
            assertThat(createdAt.defaultExpr()).isEqualTo("now()");
            assertThat(added.constraints()).extracting(TableState.ConstraintState::name).containsExactly("jt_pkey");

            // a renamed index keeps its oid and so the text it was first captured with
            TableState renamedIndex = states.get(2);
            assertThat(renamedIndex.indexes()).extracting(TableState.IndexState::name)
                    .containsExactlyInAnyOrder("jt_pkey", "jt_label_idx");
            assertThat(renamedIndex.indexes().stream().filter(i -> i.name().equals("jt_label_idx")).findFirst()
                    .orElseThrow().definition()).isEqualTo(indexText);

            // a comment changes no column, constraint or index: carried over from the state before
            TableState commented = states.get(3);
            assertThat(commented.columns()).isEqualTo(renamedIndex.columns());
            assertThat(commented.indexes()).isEqualTo(renamedIndex.indexes());

            TableState renamedColumn = states.get(4);
            assertThat(renamedColumn.column(2).orElseThrow().name()).isEqualTo("label");

            // a new default is a new pg_attrdef row: its own text
            assertThat(states.get(5).column("created_at").orElseThrow().defaultExpr()).isEqualTo("clock_timestamp()");

            TableState inBlockFirst = states.get(6);
            TableState inBlockSecond = states.get(7);
            assertThat(inBlockFirst.column("n").orElseThrow().defaultExpr()).isNull();
            assertThat(inBlockSecond.column("n").orElseThrow().defaultExpr()).isEqualTo("7");
            assertThat(inBlockSecond.column("n").orElseThrow().type()).isEqualTo("integer");
        }
    }
}
