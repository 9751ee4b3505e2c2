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
 * own schema, tagged with the statement key the runner set in the session setting {@code db_guard.statement}
 * just before the statement. The catalogue says what exists; the journal says which line made it so.
 */
public final class DdlJournal {

    /** db-guard's own schema in the throwaway database; never in the configured schemas. */
    public static final String SCHEMA = "db_guard_journal";

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
            CREATE FUNCTION db_guard_journal.record_ddl() RETURNS event_trigger
                LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog AS $fn$
            BEGIN
                INSERT INTO db_guard_journal.ddl (statement, command_tag, object_type, schema_name, object_identity, catalog, objid)
                SELECT current_setting('db_guard.statement', true), d.command_tag, d.object_type, d.schema_name,
                       d.object_identity, d.classid::regclass::text, d.objid
                FROM pg_event_trigger_ddl_commands() d;
            END
            $fn$;
            CREATE EVENT TRIGGER db_guard_record_ddl ON ddl_command_end EXECUTE FUNCTION db_guard_journal.record_ddl();
            """;

    private DdlJournal() {
    }

    /** Installs the journal; needs a superuser connection (event triggers). */
    public static void install(Connection admin) throws SQLException {
        try (Statement s = admin.createStatement()) {
            s.execute(INSTALL);
        }
    }

    /** A listener that tags each statement of migration number {@code migrationIndex} before it runs. */
    public static StatementListener tagging(int migrationIndex) {
        return new StatementListener() {
            @Override
            public void beforeStatement(Migration migration, SqlStatement statement, Connection connection)
                    throws SQLException {
                try (PreparedStatement ps = connection.prepareStatement(
                        "SELECT set_config('db_guard.statement', ?, false)")) {
                    ps.setString(1, new StatementKey(migrationIndex, statement.index()).encode());
                    ps.execute();
                }
            }
        };
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
