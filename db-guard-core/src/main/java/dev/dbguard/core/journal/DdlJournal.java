package dev.dbguard.core.journal;

import dev.dbguard.core.migration.Migration;
import dev.dbguard.core.migration.SqlStatement;
import dev.dbguard.core.migration.StatementListener;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Records which statement ran which DDL command. An event trigger on {@code ddl_command_end} writes every
 * command PostgreSQL executes (including those inside {@code DO} blocks and functions) to a table in db-guard's
 * own schema, tagged with the key of the statement that ran it (see {@link #tagging}). The catalogue says what
 * exists; the journal says which line made it so.
 */
public final class DdlJournal {

    /** db-guard's own schema in the throwaway database; never in the configured schemas. */
    public static final String SCHEMA = "db_guard_journal";

    /** What the statement tag comment starts with. */
    private static final String TAG = "db_guard:";

    /**
     * The journal. Its cost is paid on every DDL command, so it is written for that (measured with the benchmark and
     * with instruction counts, see docs/performance.md): unlogged tables; the statement key read inline;
     * a procedural loop over the commands, with a catalogue lookup only for commands on indexes, constraints, policies
     * and triggers; tables created by the running migration tracked without an update per command; and the texts
     * PostgreSQL builds for a column default and for an index (pg_get_expr, pg_get_indexdef), the most expensive part
     * of a capture, built once per default and per index, keyed by their oid. A changed default or a rebuilt index
     * gets a new oid; what keeps the oid and changes the text PostgreSQL would print now (a renamed column or table)
     * leaves the first text, which is the one the rules read: an index's text when a statement built it, a default's
     * when it was set. Constraint texts are built on every capture: {@code NOT NULL} proofs read a CHECK's column
     * names. The trigger functions set {@code enable_seqscan = off}: the catalogues' statistics date from
     * {@code initdb}, and with them the planner scans pg_index and pg_constraint whole for every lookup.
     */
    private static final String INSTALL = """
            CREATE SCHEMA db_guard_journal;
            CREATE UNLOGGED TABLE db_guard_journal.ddl (
                seq bigserial PRIMARY KEY,
                statement text,
                command_tag text,
                object_type text,
                schema_name text,
                object_identity text,
                catalog text,
                objid oid);
            -- the state of every table a command touched, right after the command: so each statement's effect on
            -- columns, constraints and indexes is known without a round trip per statement
            CREATE UNLOGGED TABLE db_guard_journal.table_state (
                seq bigserial PRIMARY KEY,
                statement text,
                table_oid oid,
                schema_name text,
                table_name text,
                relkind "char",
                rls boolean,
                rls_forced boolean,
                -- true when the command cannot change columns, constraints or indexes (a policy, a comment, a
                -- grant, a trigger): those are not captured again, the reader carries them over
                carried boolean);
            CREATE UNLOGGED TABLE db_guard_journal.column_state (
                state bigint, attnum int, name text, type text, not_null boolean, default_oid oid,
                identity "char", generated "char");
            CREATE UNLOGGED TABLE db_guard_journal.default_text (default_oid oid PRIMARY KEY, definition text);
            CREATE UNLOGGED TABLE db_guard_journal.constraint_state (
                state bigint, name text, type text, validated boolean, definition text);
            CREATE UNLOGGED TABLE db_guard_journal.index_state (
                state bigint, index_oid oid, name text, is_unique boolean, valid boolean);
            CREATE UNLOGGED TABLE db_guard_journal.index_text (index_oid oid PRIMARY KEY, definition text);
            CREATE UNLOGGED TABLE db_guard_journal.dropped (
                seq bigserial PRIMARY KEY,
                statement text,
                object_type text,
                schema_name text,
                object_name text,
                object_identity text,
                objid oid,
                objsubid int,
                original boolean);
            -- tables created by the migration running now: nothing reads their rows yet and the migration rules exempt
            -- them, so their state is captured once, before a later migration's first DDL command runs (or at flush()),
            -- tagged with the last statement of their migration that ran DDL, not after every command
            CREATE UNLOGGED TABLE db_guard_journal.created (table_oid oid PRIMARY KEY, migration int);
            -- the state of one table, right after the command (statement) that touched it. Called by the functions
            -- below, which run as the journal's owner with search_path and enable_seqscan set; no SET clause of its
            -- own, which would cost on every call
            CREATE FUNCTION db_guard_journal.capture(stmt text, rel oid, carried boolean) RETURNS void
                LANGUAGE plpgsql AS $fn$
            DECLARE
                state_seq bigint;
            BEGIN
                INSERT INTO db_guard_journal.table_state
                    (statement, table_oid, schema_name, table_name, relkind, rls, rls_forced, carried)
                SELECT stmt, c.oid, n.nspname, c.relname, c.relkind, c.relrowsecurity, c.relforcerowsecurity, carried
                FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
                WHERE c.oid = rel AND c.relkind IN ('r', 'p') AND n.nspname <> 'db_guard_journal'
                RETURNING seq INTO state_seq;
                IF state_seq IS NULL OR carried THEN
                    RETURN;
                END IF;
                INSERT INTO db_guard_journal.column_state
                SELECT state_seq, a.attnum, a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod), a.attnotnull, ad.oid,
                       a.attidentity,
                       a.attgenerated
                FROM pg_catalog.pg_attribute a
                LEFT JOIN pg_catalog.pg_attrdef ad ON a.atthasdef AND ad.adrelid = a.attrelid AND ad.adnum = a.attnum
                WHERE a.attrelid = rel AND a.attnum > 0 AND NOT a.attisdropped;
                INSERT INTO db_guard_journal.default_text
                SELECT ad.oid, pg_catalog.pg_get_expr(ad.adbin, ad.adrelid) FROM pg_catalog.pg_attrdef ad
                WHERE ad.adrelid = rel
                  AND NOT EXISTS (SELECT 1 FROM db_guard_journal.default_text x WHERE x.default_oid = ad.oid);
                INSERT INTO db_guard_journal.constraint_state
                SELECT state_seq, k.conname, k.contype::text, k.convalidated, pg_catalog.pg_get_constraintdef(k.oid)
                FROM pg_catalog.pg_constraint k WHERE k.conrelid = rel;
                INSERT INTO db_guard_journal.index_state
                SELECT state_seq, i.indexrelid, ic.relname, i.indisunique, i.indisvalid
                FROM pg_catalog.pg_index i JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid WHERE i.indrelid = rel;
                INSERT INTO db_guard_journal.index_text
                SELECT i.indexrelid, pg_catalog.pg_get_indexdef(i.indexrelid) FROM pg_catalog.pg_index i
                WHERE i.indrelid = rel
                  AND NOT EXISTS (SELECT 1 FROM db_guard_journal.index_text x WHERE x.index_oid = i.indexrelid);
            END
            $fn$;
            -- the tables migrations before number mig created, captured as their migration left them (tagged with its
            -- last statement that ran DDL), and forgotten
            CREATE FUNCTION db_guard_journal.capture_created(mig int) RETURNS void
                LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog SET enable_seqscan = off AS $fn$
            DECLARE
                created record;
                last_stmt text;
            BEGIN
                FOR created IN
                    SELECT c.table_oid, c.migration FROM db_guard_journal.created c
                    WHERE mig IS NULL OR c.migration < mig ORDER BY c.table_oid
                LOOP
                    SELECT d.statement INTO last_stmt FROM db_guard_journal.ddl d
                    WHERE d.statement LIKE created.migration || ':%' ORDER BY d.seq DESC LIMIT 1;
                    PERFORM db_guard_journal.capture(last_stmt, created.table_oid, false);
                    DELETE FROM db_guard_journal.created c WHERE c.table_oid = created.table_oid;
                END LOOP;
            END
            $fn$;
            -- runs for every DDL command
            CREATE FUNCTION db_guard_journal.record_ddl() RETURNS event_trigger
                LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog SET enable_seqscan = off AS $fn$
            DECLARE
                -- the statement key: from the comment the runner sends in front of each statement (see tagging), else
                -- from the setting db_guard.statement (DDL run by other means, e.g. a migration tool's own executor)
                stmt text := coalesce(pg_catalog.substring(pg_catalog.current_query(), '^/\\*db_guard:([0-9]+:[0-9]+)\\*/'),
                                      pg_catalog.current_setting('db_guard.statement', true), '');
                d record;
                rel oid;
                seen oid[] := '{}';
                capture oid[] := '{}';
                changed oid[] := '{}';
            BEGIN
                FOR d IN
                    INSERT INTO db_guard_journal.ddl
                        (statement, command_tag, object_type, schema_name, object_identity, catalog, objid)
                    SELECT nullif(stmt, ''), c.command_tag, c.object_type, c.schema_name, c.object_identity,
                           c.classid::pg_catalog.regclass::pg_catalog.text, c.objid
                    FROM pg_catalog.pg_event_trigger_ddl_commands() c
                    RETURNING ddl.command_tag, ddl.object_type, ddl.catalog, ddl.objid
                LOOP
                    -- the table the command touched, found through the catalogue's oid indexes
                    rel := NULL;
                    IF d.catalog = 'pg_class' THEN
                        IF d.object_type = 'index' THEN
                            SELECT i.indrelid INTO rel FROM pg_catalog.pg_index i WHERE i.indexrelid = d.objid;
                        ELSE
                            rel := d.objid;
                        END IF;
                    ELSIF d.catalog = 'pg_constraint' THEN
                        SELECT k.conrelid INTO rel FROM pg_catalog.pg_constraint k WHERE k.oid = d.objid;
                    ELSIF d.catalog = 'pg_policy' THEN
                        SELECT p.polrelid INTO rel FROM pg_catalog.pg_policy p WHERE p.oid = d.objid;
                    ELSIF d.catalog = 'pg_trigger' THEN
                        SELECT t.tgrelid INTO rel FROM pg_catalog.pg_trigger t WHERE t.oid = d.objid;
                    END IF;
                    IF rel IS NULL OR rel = 0 THEN
                        CONTINUE;
                    END IF;
                    IF NOT d.command_tag IN ('COMMENT', 'CREATE POLICY', 'ALTER POLICY', 'GRANT', 'REVOKE',
                                             'CREATE TRIGGER', 'ALTER TRIGGER', 'SECURITY LABEL') THEN
                        changed := changed || rel;
                    END IF;
                    IF rel = ANY (seen) THEN
                        CONTINUE;
                    END IF;
                    seen := seen || rel;
                    IF stmt <> '' AND d.object_type = 'table'
                       AND d.command_tag IN ('CREATE TABLE', 'CREATE TABLE AS', 'SELECT INTO') THEN
                        INSERT INTO db_guard_journal.created
                        VALUES (rel, pg_catalog.split_part(stmt, ':', 1)::int) ON CONFLICT DO NOTHING;
                    ELSIF NOT EXISTS (SELECT 1 FROM db_guard_journal.created n WHERE n.table_oid = rel) THEN
                        capture := capture || rel;
                    END IF;
                END LOOP;
                FOREACH rel IN ARRAY capture LOOP
                    PERFORM db_guard_journal.capture(nullif(stmt, ''), rel, NOT (rel = ANY (changed)));
                END LOOP;
            END
            $fn$;
            -- before a command of a later migration runs (ddl_command_start), the tables earlier migrations created get
            -- the state those migrations left them in
            CREATE FUNCTION db_guard_journal.record_start() RETURNS event_trigger
                LANGUAGE plpgsql SECURITY DEFINER AS $fn$
            DECLARE
                stmt text;
                mig int;
            BEGIN
                stmt := coalesce(pg_catalog.substring(pg_catalog.current_query(), '^/\\*db_guard:([0-9]+):'),
                                 pg_catalog.split_part(pg_catalog.current_setting('db_guard.statement', true), ':', 1));
                IF stmt IS NULL OR stmt = '' THEN
                    RETURN;
                END IF;
                mig := stmt::int;
                IF EXISTS (SELECT 1 FROM db_guard_journal.created c WHERE c.migration < mig) THEN
                    PERFORM db_guard_journal.capture_created(mig);
                END IF;
            END
            $fn$;
            -- called once the migrations have run: the state of the tables the last migrations created
            CREATE FUNCTION db_guard_journal.flush() RETURNS void
                LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog AS $fn$
                SELECT db_guard_journal.capture_created(NULL)
            $fn$;
            CREATE FUNCTION db_guard_journal.record_drop() RETURNS event_trigger
                LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog AS $fn$
            BEGIN
                INSERT INTO db_guard_journal.dropped
                    (statement, object_type, schema_name, object_name, object_identity, objid, objsubid, original)
                SELECT coalesce(substring(current_query() FROM '^/\\*db_guard:([0-9]+:[0-9]+)\\*/'),
                                current_setting('db_guard.statement', true)),
                       d.object_type, d.schema_name, d.object_name, d.object_identity, d.objid, d.objsubid, d.original
                FROM pg_event_trigger_dropped_objects() d
                WHERE NOT d.is_temporary;
            END
            $fn$;
            CREATE EVENT TRIGGER db_guard_record_start ON ddl_command_start EXECUTE FUNCTION db_guard_journal.record_start();
            CREATE EVENT TRIGGER db_guard_record_ddl ON ddl_command_end EXECUTE FUNCTION db_guard_journal.record_ddl();
            CREATE EVENT TRIGGER db_guard_record_drop ON sql_drop EXECUTE FUNCTION db_guard_journal.record_drop();
            """;

    private DdlJournal() {
    }

    /** Installs the journal; needs a superuser connection (event triggers). */
    public static void install(Connection admin) throws SQLException {
        try (Statement s = admin.createStatement()) {
            s.execute(INSTALL);
        }
    }

    /** Removes the journal (its event triggers and schema), leaving the database as the migrations made it. */
    public static void uninstall(Connection admin) throws SQLException {
        try (Statement s = admin.createStatement()) {
            s.execute("DROP EVENT TRIGGER IF EXISTS db_guard_record_start; DROP EVENT TRIGGER IF EXISTS db_guard_record_ddl; "
                    + "DROP EVENT TRIGGER IF EXISTS db_guard_record_drop; "
                    + "DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
        }
    }

    /**
     * A listener that tags each statement of migration number {@code migrationIndex}: a comment in front of the
     * statement's text, {@code /*db_guard:<migration>:<statement>*}{@code /}, which the trigger reads from
     * {@code current_query()}. No round trip of its own, and a statement that resets its session settings
     * ({@code RESET ALL}, {@code DISCARD ALL}) cannot lose its tag.
     */
    public static StatementListener tagging(int migrationIndex) {
        return new StatementListener() {
            @Override
            public String leadingComment(Migration migration, SqlStatement statement) {
                return "/*" + TAG + new StatementKey(migrationIndex, statement.index()).encode() + "*/ ";
            }
        };
    }

    /**
     * Records the state of the tables the last migrations created (the trigger captures a migration's new tables
     * when a later migration's first DDL command runs). Run it once after every migration has run, as a superuser.
     */
    public static void flush(Connection admin) throws SQLException {
        try (Statement s = admin.createStatement()) {
            s.execute("SELECT db_guard_journal.flush()");
        }
    }

    /**
     * Tags what runs next on this connection as statement {@code statement} of migration {@code migrationIndex}:
     * for migrations a tool (Flyway, Liquibase) executes, from its callbacks.
     */
    public static void tag(Connection connection, int migrationIndex, int statement) throws SQLException {
        setStatement(connection, new StatementKey(migrationIndex, statement).encode());
    }

    /** Tags what runs next on this connection as no migration's statement (a tool's own bookkeeping). */
    public static void untag(Connection connection) throws SQLException {
        setStatement(connection, "");
    }

    private static void setStatement(Connection connection, String key) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT set_config('db_guard.statement', ?, false)")) {
            ps.setString(1, key);
            ps.execute();
        }
    }

    /** Every table state recorded, in execution order: four queries, whatever their number. */
    public static List<TableState> readTableStates(Connection admin) throws SQLException {
        java.util.Map<Long, List<TableState.ColumnState>> columns = new java.util.HashMap<>();
        java.util.Map<Long, List<TableState.ConstraintState>> constraints = new java.util.HashMap<>();
        java.util.Map<Long, List<TableState.IndexState>> indexes = new java.util.HashMap<>();
        try (Statement s = admin.createStatement()) {
            // a default's and an index's text as first captured (see INSTALL)
            try (ResultSet rs = s.executeQuery("""
                    SELECT c.state, c.attnum, c.name, c.type, c.not_null,
                           d.definition, c.identity::text, c.generated::text
                    FROM db_guard_journal.column_state c
                    LEFT JOIN db_guard_journal.default_text d ON d.default_oid = c.default_oid
                    ORDER BY c.state, c.attnum""")) {
                while (rs.next()) {
                    columns.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(new TableState.ColumnState(
                            rs.getInt(2), rs.getString(3), rs.getString(4), rs.getBoolean(5), rs.getString(6),
                            rs.getString(7), rs.getString(8)));
                }
            }
            try (ResultSet rs = s.executeQuery("""
                    SELECT state, name, type, validated, definition
                    FROM db_guard_journal.constraint_state ORDER BY state, name""")) {
                while (rs.next()) {
                    constraints.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(
                            new TableState.ConstraintState(rs.getString(2), rs.getString(3), rs.getBoolean(4),
                                    rs.getString(5)));
                }
            }
            try (ResultSet rs = s.executeQuery("""
                    SELECT i.state, i.name, t.definition, i.is_unique, i.valid
                    FROM db_guard_journal.index_state i
                    LEFT JOIN db_guard_journal.index_text t ON t.index_oid = i.index_oid
                    ORDER BY i.state, i.name""")) {
                while (rs.next()) {
                    indexes.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(new TableState.IndexState(
                            rs.getString(2), rs.getString(3), rs.getBoolean(4), rs.getBoolean(5)));
                }
            }
            List<TableState> states = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("""
                    SELECT seq, statement, table_oid, schema_name, table_name, relkind::text, rls, rls_forced, carried
                    FROM db_guard_journal.table_state ORDER BY seq""")) {
                java.util.Map<Long, TableState> last = new java.util.HashMap<>();
                while (rs.next()) {
                    long seq = rs.getLong(1);
                    long oid = rs.getLong(3);
                    TableState previous = last.get(oid);
                    // a table no journaled DDL created (an extension's) has nothing to carry over: its state stays
                    // empty, and rules see it as new, which exempts it
                    boolean carried = rs.getBoolean(9) && previous != null;
                    TableState state = new TableState(seq, StatementKey.decode(rs.getString(2)), oid,
                            rs.getString(4), rs.getString(5), rs.getString(6).charAt(0), rs.getBoolean(7),
                            rs.getBoolean(8),
                            carried ? previous.columns() : columns.getOrDefault(seq, List.of()),
                            carried ? previous.constraints() : constraints.getOrDefault(seq, List.of()),
                            carried ? previous.indexes() : indexes.getOrDefault(seq, List.of()));
                    last.put(oid, state);
                    states.add(state);
                }
            }
            return states;
        }
    }

    /** Every dropped object recorded, in execution order. */
    public static List<DroppedObject> readDropped(Connection admin) throws SQLException {
        List<DroppedObject> dropped = new ArrayList<>();
        try (Statement s = admin.createStatement();
             ResultSet rs = s.executeQuery("""
                     SELECT seq, statement, object_type, schema_name, object_name, object_identity, objid, objsubid,
                            original
                     FROM db_guard_journal.dropped ORDER BY seq""")) {
            while (rs.next()) {
                dropped.add(new DroppedObject(rs.getLong(1), StatementKey.decode(rs.getString(2)), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getLong(7), rs.getInt(8),
                        rs.getBoolean(9)));
            }
        }
        return dropped;
    }

    /** Which of the named functions are VOLATILE (any overload), by lower-case name. */
    public static java.util.Set<String> volatileFunctions(Connection admin, java.util.Set<String> names) throws SQLException {
        java.util.Set<String> result = new java.util.HashSet<>();
        if (names.isEmpty()) {
            return result;
        }
        try (java.sql.PreparedStatement ps = admin.prepareStatement(
                "SELECT DISTINCT lower(proname) FROM pg_proc WHERE lower(proname) = ANY (?) AND provolatile = 'v'")) {
            ps.setArray(1, admin.createArrayOf("text", names.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    result.add(rs.getString(1));
                }
            }
        }
        return result;
    }

    /** Everything recorded so far, in execution order. */
    public static List<JournalEntry> read(Connection admin) throws SQLException {
        List<JournalEntry> entries = new ArrayList<>();
        try (Statement s = admin.createStatement();
             ResultSet rs = s.executeQuery("""
                     SELECT statement, command_tag, object_type, schema_name, object_identity, catalog, objid
                     FROM db_guard_journal.ddl ORDER BY seq""")) {
            while (rs.next()) {
                entries.add(new JournalEntry(StatementKey.decode(rs.getString(1)), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getLong(7)));
            }
        }
        return entries;
    }
}
