package dev.dbguard.core.role;

import dev.dbguard.core.journal.StatementKey;
import dev.dbguard.core.postgres.ForwardingPostgres;
import dev.dbguard.core.postgres.ThrowawayPostgres;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.TransactionState;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Applies migrations as the migration role on db-guard's superuser connections: each connection this session
 * wraps runs {@code SET SESSION AUTHORIZATION <role>}, after which PostgreSQL checks privileges, applies row level
 * security and reports {@code current_user} and {@code session_user} exactly as for a login of that role (unlike
 * {@code SET ROLE}, which leaves {@code session_user} the superuser and lets the migration {@code SET ROLE} to any
 * role). Because the session was authenticated as a superuser, db-guard can step back to it for one statement:
 *
 * <ul>
 *   <li>a statement PostgreSQL rejects as the role with a privilege error (SQLSTATE 42501, {@code must be
 *       superuser}, {@code must be owner}, {@code permission denied}) is rolled back to a savepoint and applied
 *       again as the superuser; when that succeeds it is recorded ({@link RoleEvent.Kind#NEEDS_SUPERUSER}) and the
 *       run goes on, so later migrations are still judged;</li>
 *   <li>a statement that reads or writes rows and fails as the role for another reason (row level security: an
 *       unset setting a policy reads, a failed cast in a policy, a row its WITH CHECK refuses) is handled the
 *       same way and recorded as {@link RoleEvent.Kind#BLOCKED_BY_RLS};</li>
 *   <li>with {@code compare} (the data rehearsal), every {@code UPDATE}, {@code DELETE}, {@code INSERT},
 *       {@code MERGE}, and {@code WITH} holding one of them, first runs as the superuser inside a savepoint that is rolled back, then
 *       as the role; fewer rows as the role is recorded as {@link RoleEvent.Kind#BLOCKED_BY_RLS}.</li>
 * </ul>
 *
 * Only {@link Statement#execute(String)} is judged: it is how db-guard's runner, Flyway and Liquibase send a
 * migration's SQL. Everything else passes through unchanged, as the role, and so does a failure outside any
 * migration statement (a tool's own bookkeeping): it fails as it would in production.
 */
public final class RoleSession {

    private static final String SAVEPOINT = "db_guard_role";
    private static final Pattern TAG = Pattern.compile("^/\\*db_guard:(\\d+):(\\d+)\\*/");
    private static final Pattern LEADING = Pattern.compile("^(?:\\s+|--[^\\n]*\\n?|/\\*.*?\\*/)*", Pattern.DOTALL);
    /** What the rehearsal runs both ways: the statements that change rows and report how many. */
    private static final Pattern CHANGES_ROWS = Pattern.compile(
            "^(?:UPDATE|DELETE|INSERT|MERGE|WITH\\b.*\\b(?:UPDATE|DELETE|INSERT|MERGE))\\b",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    /** Statements that can read or write rows under row level security (directly or through code they run). */
    private static final Pattern TOUCHES_ROWS = Pattern.compile(
            "^(?:UPDATE|DELETE|INSERT|MERGE|WITH|DO|CALL|SELECT|COPY|REFRESH)\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern TRANSACTION_CONTROL = Pattern.compile(
            "^(?:BEGIN|START|COMMIT|END|ROLLBACK|ABORT|SAVEPOINT|RELEASE|PREPARE\\s+TRANSACTION)\\b",
            Pattern.CASE_INSENSITIVE);
    /** Statements after which the session may no longer be the role's (db-guard's own resets among them). */
    private static final Pattern CHANGES_AUTHORIZATION = Pattern.compile(
            "\\bSESSION\\s+AUTHORIZATION\\b|\\bDISCARD\\s+ALL\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern TARGET = Pattern.compile(
            "(?is)^(?:UPDATE|DELETE\\s+FROM|INSERT\\s+INTO|MERGE\\s+INTO|ALTER\\s+TABLE(?:\\s+IF\\s+EXISTS)?|COPY)\\s+"
                    + "(?:ONLY\\s+)?((?:\"[^\"]+\"|[\\w$]+)(?:\\s*\\.\\s*(?:\"[^\"]+\"|[\\w$]+))?)");

    private final String role;
    private final boolean compare;
    private final List<RoleEvent> events = new ArrayList<>();
    private StatementKey current;

    RoleSession(String role, boolean compare) {
        this.role = role;
        this.compare = compare;
    }

    /** The statement running now, when the caller knows it (the rehearsal); null: read from the statement's tag. */
    public void at(StatementKey key) {
        current = key;
    }

    /** What was recorded so far, in order. */
    public List<RoleEvent> events() {
        return List.copyOf(events);
    }

    /** What was recorded since the last call, then forgotten. */
    public List<RoleEvent> drain() {
        List<RoleEvent> drained = List.copyOf(events);
        events.clear();
        return drained;
    }

    /** The database whose admin connections (the ones a migration tool opens) are this role's from the start. */
    public ThrowawayPostgres applyingAs(ThrowawayPostgres database) {
        return new ForwardingPostgres(database) {
            @Override
            public Connection connectAsAdmin() throws SQLException {
                return wrap(database().connectAsAdmin(), true);
            }

            @Override
            public void close() {
                // the run closes the database it was given; this view of it owns nothing
            }
        };
    }

    /**
     * {@code raw}, a superuser connection, applying statements as the role.
     *
     * @param assumeNow become the role at once (for a tool whose own bookkeeping must be the role's too); otherwise
     *                  before the first statement sent through {@link Statement#execute(String)}
     */
    public Connection wrap(Connection raw, boolean assumeNow) throws SQLException {
        Link link = new Link(raw);
        if (assumeNow) {
            link.assume();
        }
        return (Connection) Proxy.newProxyInstance(RoleSession.class.getClassLoader(), new Class<?>[] {Connection.class},
                new ConnectionHandler(link));
    }

    /** One physical connection and whether it is the role's now. */
    private final class Link {
        final Connection raw;
        boolean assumed;

        Link(Connection raw) {
            this.raw = raw;
        }

        void assume() throws SQLException {
            run(raw, "SET SESSION AUTHORIZATION " + MigrationRole.ident(raw, role));
            assumed = true;
        }
    }

    private final class ConnectionHandler implements InvocationHandler {
        private final Link link;

        ConnectionHandler(Link link) {
            this.link = link;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            Object result = forward(link.raw, method, args);
            if (method.getName().equals("createStatement") && result instanceof Statement statement) {
                return Proxy.newProxyInstance(RoleSession.class.getClassLoader(), new Class<?>[] {Statement.class},
                        new StatementHandler(link, statement));
            }
            return result;
        }
    }

    private final class StatementHandler implements InvocationHandler {
        private final Link link;
        private final Statement statement;

        StatementHandler(Link link, Statement statement) {
            this.link = link;
            this.statement = statement;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            if (method.getName().equals("execute") && args != null && args.length == 1 && args[0] instanceof String sql) {
                return execute(link, statement, sql);
            }
            return forward(statement, method, args);
        }
    }

    private static Object forward(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private boolean execute(Link link, Statement statement, String sql) throws SQLException {
        String text = LEADING.matcher(sql).replaceFirst("");
        if (CHANGES_AUTHORIZATION.matcher(text).find()) {
            boolean result = statement.execute(sql);
            link.assumed = false; // becomes the role again before the next statement
            return result;
        }
        if (!link.assumed) {
            link.assume();
        }
        if (TRANSACTION_CONTROL.matcher(text).find()) {
            return statement.execute(sql);
        }
        if (compare && CHANGES_ROWS.matcher(text).find()) {
            return compared(link, statement, sql, text);
        }
        Connection raw = link.raw;
        boolean inTransaction = inTransaction(raw);
        if (inTransaction) {
            run(raw, "SAVEPOINT " + SAVEPOINT);
        }
        boolean result;
        try {
            result = statement.execute(sql);
        } catch (SQLException asRole) {
            RoleEvent.Kind kind = kind(asRole, text);
            if (kind == null) {
                throw asRole;
            }
            if (inTransaction) {
                run(raw, "ROLLBACK TO SAVEPOINT " + SAVEPOINT);
            }
            StatementKey key = key(raw, sql);
            if (key == null) {
                throw asRole; // a tool's own bookkeeping, not a migration's statement: it fails as in production
            }
            result = asSuperuser(raw, statement, sql, inTransaction);
            events.add(new RoleEvent(kind, key, table(raw, text), text.strip(), describe(asRole), null, null));
        }
        if (inTransaction) {
            run(raw, "RELEASE SAVEPOINT " + SAVEPOINT);
        }
        return result;
    }

    /**
     * The statement again as the superuser; the session is the role's again afterwards. When it fails as the
     * superuser too, that failure is the statement's own (it is what db-guard reports without a migration role).
     */
    private boolean asSuperuser(Connection raw, Statement statement, String sql, boolean inTransaction)
            throws SQLException {
        run(raw, "SET SESSION AUTHORIZATION DEFAULT");
        boolean result;
        try {
            result = statement.execute(sql);
        } catch (SQLException asSuperuser) {
            if (inTransaction) {
                run(raw, "ROLLBACK TO SAVEPOINT " + SAVEPOINT); // the role again, too
            } else {
                run(raw, "SET SESSION AUTHORIZATION " + MigrationRole.ident(raw, role));
            }
            throw asSuperuser;
        }
        run(raw, "SET SESSION AUTHORIZATION " + MigrationRole.ident(raw, role));
        return result;
    }

    /** A statement that changes rows, run as the superuser (undone) and then as the role; the role's run stays. */
    private boolean compared(Link link, Statement statement, String sql, String text) throws SQLException {
        Connection raw = link.raw;
        boolean ownTransaction = !inTransaction(raw);
        if (ownTransaction) {
            run(raw, "BEGIN");
        }
        boolean done = false;
        try {
            run(raw, "SAVEPOINT " + SAVEPOINT);
            run(raw, "SET SESSION AUTHORIZATION DEFAULT");
            Long superuserRows = null;
            SQLException superuserError = null;
            try {
                superuserRows = rows(statement, statement.execute(sql));
            } catch (SQLException e) {
                superuserError = e;
            }
            run(raw, "ROLLBACK TO SAVEPOINT " + SAVEPOINT); // undoes its changes, and the role is back
            boolean result;
            try {
                result = statement.execute(sql);
            } catch (SQLException asRole) {
                run(raw, "ROLLBACK TO SAVEPOINT " + SAVEPOINT);
                if (superuserError != null) {
                    throw superuserError;
                }
                RoleEvent.Kind kind = kind(asRole, text);
                result = asSuperuser(raw, statement, sql, true);
                record(raw, kind == null ? RoleEvent.Kind.BLOCKED_BY_RLS : kind, sql, text, describe(asRole), null,
                        superuserRows);
                run(raw, "RELEASE SAVEPOINT " + SAVEPOINT);
                done = true;
                return result;
            }
            if (superuserError == null) {
                long roleRows = rows(statement, result);
                if (roleRows < superuserRows) {
                    record(raw, RoleEvent.Kind.BLOCKED_BY_RLS, sql, text, null, roleRows, superuserRows);
                }
            }
            run(raw, "RELEASE SAVEPOINT " + SAVEPOINT);
            done = true;
            return result;
        } finally {
            if (ownTransaction) {
                run(raw, done ? "COMMIT" : "ROLLBACK");
            }
        }
    }

    /** Rows the statement changed: its update count, or the rows it returned ({@code RETURNING}). */
    private static long rows(Statement statement, boolean resultSet) throws SQLException {
        if (!resultSet) {
            return Math.max(0, statement.getUpdateCount());
        }
        long n = 0;
        try (ResultSet rows = statement.getResultSet()) {
            while (rows.next()) {
                n++;
            }
        }
        return n;
    }

    /** Whether stepping back to the superuser is warranted, and what a success then means; null: it is not. */
    static RoleEvent.Kind kind(SQLException e, String text) {
        String message = message(e);
        if (message.contains("row-level security")) {
            return RoleEvent.Kind.BLOCKED_BY_RLS; // 42501 too, but a policy's verdict, not a missing privilege
        }
        if ("42501".equals(e.getSQLState()) || message.startsWith("must be superuser")
                || message.startsWith("must be owner") || message.startsWith("permission denied")
                || message.startsWith("must be member of") || message.startsWith("must be able to SET ROLE")) {
            return RoleEvent.Kind.NEEDS_SUPERUSER;
        }
        return TOUCHES_ROWS.matcher(text).find() ? RoleEvent.Kind.BLOCKED_BY_RLS : null;
    }

    private void record(Connection raw, RoleEvent.Kind kind, String sql, String text, String error, Long roleRows,
                        Long superuserRows) throws SQLException {
        events.add(new RoleEvent(kind, key(raw, sql), table(raw, text), text.strip(), error, roleRows, superuserRows));
    }

    /**
     * The migration statement running: as the caller said ({@link #at}), from db-guard's tag comment in front of
     * it (plain SQL), or from the setting a migration tool's callback set (see DdlJournal.tag); null for none.
     */
    private StatementKey key(Connection raw, String sql) throws SQLException {
        if (current != null) {
            return current;
        }
        Matcher tag = TAG.matcher(sql);
        if (tag.find()) {
            return new StatementKey(Integer.parseInt(tag.group(1)), Integer.parseInt(tag.group(2)));
        }
        return taggedInSession(raw);
    }

    /** The key a migration tool's callback set for the statement (see DdlJournal.tag), or null. */
    private static StatementKey taggedInSession(Connection raw) throws SQLException {
        try (Statement s = raw.createStatement();
             ResultSet rs = s.executeQuery("SELECT current_setting('db_guard.statement', true)")) {
            rs.next();
            String value = rs.getString(1);
            Matcher m = value == null ? null : Pattern.compile("^(\\d+):(\\d+)$").matcher(value);
            return m != null && m.matches()
                    ? new StatementKey(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))) : null;
        }
    }

    /** The table the statement changes, schema-qualified as the catalogue names it, or null. */
    private static String table(Connection raw, String text) throws SQLException {
        Matcher m = TARGET.matcher(text);
        if (!m.find()) {
            return null;
        }
        try (PreparedStatement ps = raw.prepareStatement("""
                SELECT n.nspname || '.' || c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE c.oid = to_regclass(?)""")) {
            ps.setString(1, m.group(1));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException e) {
            return null; // a name to_regclass cannot read: the finding names no table
        }
    }

    private static boolean inTransaction(Connection raw) throws SQLException {
        return !raw.getAutoCommit()
                || raw.unwrap(BaseConnection.class).getTransactionState() != TransactionState.IDLE;
    }

    private static void run(Connection raw, String sql) throws SQLException {
        try (Statement s = raw.createStatement()) {
            s.execute(sql);
        }
    }

    private static String message(SQLException e) {
        if (e instanceof PSQLException p && p.getServerErrorMessage() != null) {
            ServerErrorMessage server = p.getServerErrorMessage();
            return server.getMessage() == null ? "" : server.getMessage();
        }
        return e.getMessage() == null ? "" : e.getMessage();
    }

    /** PostgreSQL's SQLSTATE and text, e.g. {@code 42501 permission denied to create extension "file_fdw"}. */
    private static String describe(SQLException e) {
        String state = e.getSQLState();
        return (state == null ? "" : state + " ") + message(e).strip();
    }
}
