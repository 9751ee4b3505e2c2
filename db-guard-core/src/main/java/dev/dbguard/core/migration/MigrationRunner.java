package dev.dbguard.core.migration;

import dev.dbguard.core.migration.SqlLexer.Token;
import dev.dbguard.core.migration.SqlLexer.Type;
import dev.dbguard.core.api.AppliedMigration;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.TransactionState;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Applies one migration on a connection, statement by statement, the way Flyway does: the whole
 * migration in one transaction, unless one of its statements cannot run inside a transaction block
 * ({@link SqlScriptReader#requiresAutocommit}) or the script controls transactions itself
 * ({@link SqlScriptReader#controlsTransaction}); then every statement runs on its own in auto-commit mode.
 *
 * <p>The connection must be in auto-commit mode when handed over and is left in it. Statements are sent
 * as written (no JDBC escape processing); every result is read and dropped; notices are ignored. When
 * PostgreSQL rejects a statement, the transaction is rolled back and a {@link MigrationException} tells
 * the file, the line (exact when PostgreSQL reports a position), the SQLSTATE and PostgreSQL's text.
 */
public final class MigrationRunner {

    private static final int STATEMENT_PREVIEW = 120;
    private static final Pattern INLINE_BLOCK_LINE = Pattern.compile("PL/pgSQL function inline_code_block line (\\d+)");

    private final Connection connection;

    public MigrationRunner(Connection connection) {
        this.connection = Objects.requireNonNull(connection, "connection");
    }

    /**
     * Applies the statements of one migration.
     *
     * @param statements the migration's statements, as {@link SqlScriptReader#read} gives them
     * @param listener   called around every statement, on this connection
     * @return what was applied and how long it took
     * @throws MigrationException when PostgreSQL rejects a statement (nothing of the migration stays applied
     *                            when it ran in one transaction)
     */
    public AppliedMigration apply(Migration migration, List<SqlStatement> statements, StatementListener listener) {
        Objects.requireNonNull(migration, "migration");
        Objects.requireNonNull(listener, "listener");
        long started = System.nanoTime();
        SqlStatement outside = firstNonTransactional(statements);
        if (outside == null) {
            applyInTransaction(migration, statements, listener);
        } else {
            applyOneByOne(migration, statements, listener, outside);
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        return new AppliedMigration(migration.file(), migration.version(), statements.size(), millis);
    }

    /** Whether {@link #apply} runs these statements in one transaction. */
    public static boolean runsInTransaction(List<SqlStatement> statements) {
        return firstNonTransactional(statements) == null;
    }

    /** The first statement that keeps the migration out of a single transaction, or null. */
    private static SqlStatement firstNonTransactional(List<SqlStatement> statements) {
        for (SqlStatement s : statements) {
            if (SqlScriptReader.requiresAutocommit(s) || SqlScriptReader.controlsTransaction(s)) {
                return s;
            }
        }
        return null;
    }

    private void applyInTransaction(Migration migration, List<SqlStatement> statements, StatementListener listener) {
        String file = migration.file();
        try {
            connection.setAutoCommit(false);
        } catch (SQLException e) {
            throw new MigrationException(file, 0, e.getSQLState(),
                    file + ": could not start a transaction: " + describe(e));
        }
        boolean committed = false;
        try {
            for (SqlStatement statement : statements) {
                run(migration, statement, listener, null);
            }
            try {
                connection.commit();
            } catch (SQLException e) {
                // e.g. a deferred constraint checked at commit time
                ServerErrorMessage server = serverMessage(e);
                String state = server != null ? server.getSQLState() : e.getSQLState();
                StringBuilder message = new StringBuilder(file)
                        .append(": PostgreSQL rejected the COMMIT at the end of the migration: ")
                        .append(server != null ? prefixed(state, server.getMessage()) : describe(e));
                if (server != null) {
                    appendDetails(message, server);
                }
                throw new MigrationException(file, 0, state, message.toString());
            }
            committed = true;
        } finally {
            if (!committed) {
                try {
                    connection.rollback();
                } catch (SQLException ignored) {
                    // the connection is gone; nothing stays applied either way
                }
            }
            try {
                connection.setAutoCommit(true);
            } catch (SQLException e) {
                if (committed) {
                    throw new MigrationException(file, 0, e.getSQLState(),
                            file + ": could not return the connection to auto-commit: " + describe(e));
                }
            }
        }
    }

    private void applyOneByOne(Migration migration, List<SqlStatement> statements, StatementListener listener,
                               SqlStatement reason) {
        String file = migration.file();
        try {
            if (!connection.getAutoCommit()) {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new MigrationException(file, 0, e.getSQLState(),
                    file + ": could not switch the connection to auto-commit: " + describe(e));
        }
        String note = SqlScriptReader.controlsTransaction(reason)
                ? "\n  note: the migration controls transactions itself (line " + reason.line()
                        + "), so what it committed before this statement stays applied"
                : "\n  note: the migration runs without a transaction (line " + reason.line() + ": "
                        + preview(reason.sql()) + " cannot run inside one), so the statements before this one"
                        + " stay applied";
        try {
            for (SqlStatement statement : statements) {
                run(migration, statement, listener, statement.index() > 0 ? note : null);
            }
        } catch (RuntimeException e) {
            rollbackOpenTransaction();
            throw e;
        }
        if (transactionOpen()) {
            rollbackOpenTransaction();
            throw new MigrationException(file, 0, null, file + ": leaves a transaction open (a BEGIN without"
                    + " COMMIT); it was rolled back. End the migration with COMMIT");
        }
    }

    private void run(Migration migration, SqlStatement statement, StatementListener listener, String note) {
        if (listener.skip(migration, statement)) {
            return;
        }
        try {
            listener.beforeStatement(migration, statement, connection);
        } catch (SQLException e) {
            throw listenerFailed(migration, statement, e);
        }
        String comment = listener.leadingComment(migration, statement);
        try (Statement jdbc = connection.createStatement()) {
            jdbc.setEscapeProcessing(false);
            boolean isResultSet = jdbc.execute(comment + statement.sql());
            while (true) {
                if (isResultSet) {
                    try (ResultSet rows = jdbc.getResultSet()) {
                        while (rows.next()) {
                            // drained: a migration's query results are not used
                        }
                    }
                } else if (jdbc.getUpdateCount() == -1) {
                    break;
                }
                isResultSet = jdbc.getMoreResults();
            }
        } catch (SQLException e) {
            throw rejected(migration, statement, e, note, comment.codePointCount(0, comment.length()));
        }
        try {
            listener.afterStatement(migration, statement, connection);
        } catch (SQLException e) {
            throw listenerFailed(migration, statement, e);
        }
    }

    /** {@code <file>:<line>: PostgreSQL rejected the statement: <SQLSTATE> <message>} and detail lines; also for statements a tool (Flyway, Liquibase) executes. */
    public static MigrationException rejected(Migration migration, SqlStatement statement, SQLException e, String note) {
        return rejected(migration, statement, e, note, 0);
    }

    /** @param sentBefore code points sent in front of the statement's text (a journal comment), off every position */
    static MigrationException rejected(Migration migration, SqlStatement statement, SQLException e, String note,
                                       int sentBefore) {
        String file = migration.file();
        ServerErrorMessage server = serverMessage(e);
        if (server == null) {
            int line = statement.line();
            String message = file + ":" + line + ": could not run the statement: " + describe(e)
                    + "\n  statement: " + preview(statement.sql()) + (note == null ? "" : note);
            return new MigrationException(file, line, e.getSQLState(), message);
        }
        int line = errorLine(statement, server, sentBefore);
        StringBuilder message = new StringBuilder()
                .append(file).append(':').append(line).append(": PostgreSQL rejected the statement: ")
                .append(prefixed(server.getSQLState(), server.getMessage()))
                .append("\n  statement: ").append(preview(statement.sql()));
        appendDetails(message, server);
        if (note != null) {
            message.append(note);
        }
        return new MigrationException(file, line, server.getSQLState(), message.toString(),
                new MigrationException.Subject(server.getSchema(), server.getTable(), server.getColumn(),
                        server.getConstraint()));
    }

    private static void appendDetails(StringBuilder message, ServerErrorMessage server) {
        appendIfPresent(message, "detail", server.getDetail());
        appendIfPresent(message, "hint", server.getHint());
        appendIfPresent(message, "context", server.getWhere());
    }

    private static void appendIfPresent(StringBuilder message, String label, String value) {
        if (value != null && !value.isBlank()) {
            message.append("\n  ").append(label).append(": ").append(value.strip().replace("\n", "\n    "));
        }
    }

    /**
     * The script line of the error: from the character position PostgreSQL reports in the statement, or
     * for a failure inside a {@code DO} block from the block's line PL/pgSQL names; else the statement's
     * first line.
     */
    static int errorLine(SqlStatement statement, ServerErrorMessage server) {
        return errorLine(statement, server, 0);
    }

    static int errorLine(SqlStatement statement, ServerErrorMessage server, int sentBefore) {
        String sql = statement.sql();
        int position = server.getPosition() - sentBefore;
        if (position > 0) {
            int codePoints = sql.codePointCount(0, sql.length());
            int end = sql.offsetByCodePoints(0, Math.min(position - 1, codePoints));
            return statement.line() + newlines(sql, end);
        }
        String where = server.getWhere();
        if (where != null) {
            Matcher m = INLINE_BLOCK_LINE.matcher(where);
            if (m.find()) {
                int body = doBlockBodyStart(sql);
                if (body >= 0) {
                    try {
                        return statement.line() + newlines(sql, body) + Integer.parseInt(m.group(1)) - 1;
                    } catch (NumberFormatException ignored) {
                        // falls through to the statement's line
                    }
                }
            }
        }
        return statement.line();
    }

    /** Offset of the body of a {@code DO [LANGUAGE x] '...'} statement, or -1. */
    private static int doBlockBodyStart(String sql) {
        SqlLexer lexer = new SqlLexer("<statement>", sql);
        try {
            Token first = lexer.next();
            if (first == null || first.type() != Type.WORD || !first.text(sql).equalsIgnoreCase("do")) {
                return -1;
            }
            for (Token t = lexer.next(); t != null; t = lexer.next()) {
                if (t.type() == Type.DOLLAR_STRING) {
                    return t.start();
                }
                if (t.type() == Type.STRING) {
                    return t.start();
                }
            }
        } catch (MigrationException unterminated) {
            return -1;
        }
        return -1;
    }

    private static int newlines(String s, int end) {
        int n = 0;
        for (int i = 0; i < end; i++) {
            if (s.charAt(i) == '\n') {
                n++;
            }
        }
        return n;
    }

    private static MigrationException listenerFailed(Migration migration, SqlStatement statement, SQLException e) {
        String file = migration.file();
        return new MigrationException(file, statement.line(), e.getSQLState(), file + ":" + statement.line()
                + ": db-guard could not record what the statement did: " + describe(e)
                + "\n  statement: " + preview(statement.sql()));
    }

    private static ServerErrorMessage serverMessage(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof PSQLException p && p.getServerErrorMessage() != null) {
                return p.getServerErrorMessage();
            }
        }
        SQLException next = e.getNextException();
        return next != null && next != e ? serverMessage(next) : null;
    }

    /** SQLSTATE and text of an exception without a server message, no class names. */
    private static String describe(SQLException e) {
        ServerErrorMessage server = serverMessage(e);
        if (server != null) {
            return prefixed(server.getSQLState(), server.getMessage());
        }
        String text = e.getMessage() == null ? "no message" : e.getMessage().strip();
        return prefixed(e.getSQLState(), text);
    }

    private static String prefixed(String sqlState, String message) {
        return sqlState == null || sqlState.isBlank() ? message : sqlState + " " + message;
    }

    /** A role's password in CREATE/ALTER ROLE or USER: never printed, even from the project's own migration. */
    private static final Pattern ROLE_PASSWORD = Pattern.compile("(?i)(\\bPASSWORD\\s+)(?:E?'(?:[^']|'')*'?|\\$\\S*)");

    /** The statement's first line, at most about 120 characters, with role passwords masked. */
    public static String preview(String sql) {
        String first = ROLE_PASSWORD.matcher(sql.strip()).replaceAll("$1'****'");
        int eol = first.indexOf('\n');
        boolean more = eol >= 0;
        if (more) {
            first = first.substring(0, eol).stripTrailing();
        }
        if (first.length() > STATEMENT_PREVIEW) {
            int cut = STATEMENT_PREVIEW - 3;
            if (Character.isHighSurrogate(first.charAt(cut - 1))) {
                cut--;
            }
            return first.substring(0, cut) + "...";
        }
        return more ? first + " ..." : first;
    }

    private boolean transactionOpen() {
        try {
            if (connection.isWrapperFor(BaseConnection.class)) {
                return connection.unwrap(BaseConnection.class).getTransactionState() != TransactionState.IDLE;
            }
        } catch (SQLException e) {
            return false;
        }
        return false;
    }

    /** Ends a transaction the script opened itself and left behind (or left failed). */
    private void rollbackOpenTransaction() {
        if (!transactionOpen()) {
            return;
        }
        try (Statement jdbc = connection.createStatement()) {
            jdbc.execute("ROLLBACK");
        } catch (SQLException ignored) {
            // the connection is gone
        }
    }
}
