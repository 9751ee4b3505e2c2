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

    private static final String INSTALL = """
            CREATE SCHEMA db_guard_journal;
            CREATE TABLE db_guard_journal.ddl (
                seq bigserial PRIMARY KEY,
                statement text,
                command_tag text,
                object_type text,
                schema_name text,
                object_identity text,
                catalog text,
                objid oid);
            -- the state of every table a command touched, right after the command: so each statement's effect on
            -- columns, constraints and indexes is known without a round trip per statement. Plain rows, no JSON:
            -- the trigger runs for every DDL command, so its cost is the journal's cost
            CREATE TABLE db_guard_journal.table_state (
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
            CREATE TABLE db_guard_journal.column_state (
                state bigint, attnum int, name text, type text, not_null boolean, default_expr text,
                identity text, generated text);
            CREATE TABLE db_guard_journal.constraint_state (
                state bigint, name text, type text, validated boolean, definition text);
            CREATE TABLE db_guard_journal.index_state (
                state bigint, name text, definition text, is_unique boolean, valid boolean);
            CREATE TABLE db_guard_journal.dropped (
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
            CREATE TABLE db_guard_journal.created (table_oid oid PRIMARY KEY, migration int, last_stmt text);
            -- the state of one table, right after the command (statement) that touched it
            CREATE FUNCTION db_guard_journal.capture(stmt text, rel oid, carried boolean) RETURNS void
                LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog AS $fn$
            DECLARE
                state_seq bigint;
            BEGIN
                INSERT INTO db_guard_journal.table_state
                    (statement, table_oid, schema_name, table_name, relkind, rls, rls_forced, carried)
                SELECT stmt, c.oid, n.nspname, c.relname, c.relkind, c.relrowsecurity, c.relforcerowsecurity, carried
                FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE c.oid = rel AND c.relkind IN ('r', 'p') AND n.nspname <> 'db_guard_journal'
                RETURNING seq INTO state_seq;
                IF state_seq IS NULL OR carried THEN
                    RETURN;
                END IF;
                INSERT INTO db_guard_journal.column_state
                SELECT state_seq, a.attnum, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull,
                       pg_get_expr(ad.adbin, ad.adrelid), a.attidentity::text, a.attgenerated::text
                FROM pg_attribute a
                LEFT JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
                WHERE a.attrelid = rel AND a.attnum > 0 AND NOT a.attisdropped;
                INSERT INTO db_guard_journal.constraint_state
                SELECT state_seq, con.conname, con.contype::text, con.convalidated, pg_get_constraintdef(con.oid)
                FROM pg_constraint con WHERE con.conrelid = rel;
                INSERT INTO db_guard_journal.index_state
                SELECT state_seq, ic.relname, pg_get_indexdef(i.indexrelid), i.indisunique, i.indisvalid
                FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid WHERE i.indrelid = rel;
            END
            $fn$;
            -- the statement key: from the comment the runner sends in front of each statement (see tagging), else from
            -- the setting db_guard.statement (DDL run by other means, e.g. a migration tool's own executor)
            CREATE FUNCTION db_guard_journal.statement_key() RETURNS text
                LANGUAGE sql STABLE SET search_path = pg_catalog AS $fn$
                SELECT coalesce(substring(current_query() FROM '^/\\*db_guard:([0-9]+:[0-9]+)\\*/'),
                                current_setting('db_guard.statement', true))
            $fn$;
            CREATE FUNCTION db_guard_journal.record_ddl() RETURNS event_trigger
                LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog AS $fn$
            DECLARE
                stmt text := coalesce(db_guard_journal.statement_key(), '');
                mig int;
                touched record;
            BEGIN
                INSERT INTO db_guard_journal.ddl (statement, command_tag, object_type, schema_name, object_identity, catalog, objid)
                SELECT nullif(stmt, ''), d.command_tag, d.object_type, d.schema_name, d.object_identity, d.classid::regclass::text, d.objid
                FROM pg_event_trigger_ddl_commands() d;

                IF stmt <> '' THEN
                    mig := split_part(stmt, ':', 1)::int;
                    UPDATE db_guard_journal.created c SET last_stmt = stmt WHERE c.last_stmt <> stmt;
                    INSERT INTO db_guard_journal.created
                    SELECT DISTINCT d.objid, mig, stmt FROM pg_event_trigger_ddl_commands() d
                    WHERE d.command_tag IN ('CREATE TABLE', 'CREATE TABLE AS', 'SELECT INTO') AND d.object_type = 'table'
                    ON CONFLICT DO NOTHING;
                END IF;

                -- the table each command touched, found through the catalogue's oid indexes (a join on the computed
                -- oid would scan pg_class once per command, a cost that grows with the schema)
                FOR touched IN
                    SELECT t.relid, bool_and(t.carried) AS carried
                    FROM (SELECT CASE
                                     WHEN d.classid = 'pg_class'::regclass THEN
                                         coalesce((SELECT i.indrelid FROM pg_index i WHERE i.indexrelid = d.objid), d.objid)
                                     WHEN d.classid = 'pg_constraint'::regclass THEN
                                         (SELECT k.conrelid FROM pg_constraint k WHERE k.oid = d.objid)
                                     WHEN d.classid = 'pg_policy'::regclass THEN
                                         (SELECT p.polrelid FROM pg_policy p WHERE p.oid = d.objid)
                                     WHEN d.classid = 'pg_trigger'::regclass THEN
                                         (SELECT t.tgrelid FROM pg_trigger t WHERE t.oid = d.objid)
                                 END AS relid,
                                 d.command_tag IN ('COMMENT', 'CREATE POLICY', 'ALTER POLICY', 'GRANT', 'REVOKE',
                                                   'CREATE TRIGGER', 'ALTER TRIGGER', 'SECURITY LABEL') AS carried
                          FROM pg_event_trigger_ddl_commands() d
                          OFFSET 0) t
                    WHERE t.relid IS NOT NULL
                      AND NOT EXISTS (SELECT 1 FROM db_guard_journal.created n WHERE n.table_oid = t.relid)
                    GROUP BY t.relid
                    ORDER BY t.relid
                LOOP
                    PERFORM db_guard_journal.capture(nullif(stmt, ''), touched.relid, touched.carried);
                END LOOP;
            END
            $fn$;
            -- before a command of a later migration runs (ddl_command_start), the tables earlier migrations created get
            -- the state those migrations left them in
            CREATE FUNCTION db_guard_journal.record_start() RETURNS event_trigger
                LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog AS $fn$
            DECLARE
                stmt text := coalesce(db_guard_journal.statement_key(), '');
                mig int;
                created record;
            BEGIN
                IF stmt = '' THEN
                    RETURN;
                END IF;
                mig := split_part(stmt, ':', 1)::int;
                FOR created IN
                    SELECT c.table_oid, c.last_stmt FROM db_guard_journal.created c
                    WHERE c.migration < mig ORDER BY c.table_oid
                LOOP
                    PERFORM db_guard_journal.capture(created.last_stmt, created.table_oid, false);
                    DELETE FROM db_guard_journal.created c WHERE c.table_oid = created.table_oid;
                END LOOP;
            END
            $fn$;
            -- called once the migrations have run: the state of the tables the last migrations created
            CREATE FUNCTION db_guard_journal.flush() RETURNS void
                LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog AS $fn$
            DECLARE
                created record;
            BEGIN
                FOR created IN SELECT table_oid, last_stmt FROM db_guard_journal.created ORDER BY table_oid LOOP
                    PERFORM db_guard_journal.capture(created.last_stmt, created.table_oid, false);
                END LOOP;
                DELETE FROM db_guard_journal.created;
            END
            $fn$;
            CREATE FUNCTION db_guard_journal.record_drop() RETURNS event_trigger
                LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog AS $fn$
            BEGIN
                INSERT INTO db_guard_journal.dropped
                    (statement, object_type, schema_name, object_name, object_identity, objid, objsubid, original)
                SELECT db_guard_journal.statement_key(), d.object_type, d.schema_name, d.object_name,
                       d.object_identity, d.objid, d.objsubid, d.original
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
            try (ResultSet rs = s.executeQuery("""
                    SELECT state, attnum, name, type, not_null, default_expr, identity, generated
                    FROM db_guard_journal.column_state ORDER BY state, attnum""")) {
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
                    SELECT state, name, definition, is_unique, valid
                    FROM db_guard_journal.index_state ORDER BY state, name""")) {
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
