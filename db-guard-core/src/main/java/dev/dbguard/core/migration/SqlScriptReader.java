package dev.dbguard.core.migration;

import dev.dbguard.core.api.RunListener;
import dev.dbguard.core.migration.SqlLexer.Token;
import dev.dbguard.core.migration.SqlLexer.Type;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads a migration script and splits it into the statements PostgreSQL will receive, each with the line
 * it starts on, and tells which statements cannot run inside a transaction block.
 *
 * <p>The splitter follows PostgreSQL's lexer for everything that can hide a semicolon: {@code --} and
 * nested {@code /* *}{@code /} comments, {@code '...'}, {@code E'...'} (backslash escapes),
 * {@code U&'...'}, {@code "quoted"} identifiers, {@code $$...$$} and {@code $tag$...$tag$} bodies, and
 * the {@code BEGIN ATOMIC ... END} bodies of SQL-standard functions and procedures (with the
 * {@code CASE ... END} inside them). Like psql and the JDBC driver, it does not end a statement at a
 * semicolon inside parentheses (as in {@code CREATE RULE ... DO (INSERT ...; INSERT ...)}).
 * String constants are read with {@code standard_conforming_strings} on, PostgreSQL's default.
 */
public final class SqlScriptReader {

    private static final Set<String> AUTOCOMMIT_ONLY_CREATE_DROP = Set.of("DATABASE", "TABLESPACE", "SUBSCRIPTION");

    private SqlScriptReader() {
    }

    /**
     * Reads the migration's file as UTF-8 and splits it. A byte order mark is skipped and CR or CRLF line
     * ends are read as LF, each with a warning; a file without any statement gives a warning and an empty
     * list.
     *
     * @throws MigrationException when the file cannot be read, is not UTF-8, or ends inside a string,
     *                            quoted identifier, comment or body
     */
    public static List<SqlStatement> read(Migration migration, RunListener listener) {
        String file = migration.file();
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(migration.path());
        } catch (NoSuchFileException e) {
            throw new MigrationException(file, 0, null, file + ": cannot be read: " + migration.path() + " does not exist");
        } catch (AccessDeniedException e) {
            throw new MigrationException(file, 0, null, file + ": cannot be read: permission denied on " + migration.path());
        } catch (IOException e) {
            throw new MigrationException(file, 0, null, file + ": cannot be read: " + e.getMessage());
        }
        String sql = decode(file, bytes, listener);
        rejectPsqlOnly(file, sql);
        List<SqlStatement> statements = split(file, sql);
        if (statements.isEmpty()) {
            listener.warning(emptyWarning(file));
        }
        return statements;
    }

    /** UTF-8 text of the file, without BOM and with LF line ends. */
    static String decode(String file, byte[] bytes, RunListener listener) {
        int offset = 0;
        if (bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF) {
            offset = 3;
            listener.warning(file + " starts with a UTF-8 byte order mark (BOM); it was skipped."
                    + " Save the file as UTF-8 without BOM");
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, offset, bytes.length - offset);
        CharBuffer out = CharBuffer.allocate(bytes.length - offset + 1);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            throw notUtf8(file, bytes, offset, in.position());
        }
        String text = out.flip().toString();
        if (text.indexOf('\r') >= 0) {
            listener.warning(file + " has CR or CRLF (Windows) line ends; they were read as LF"
                    + " (line breaks inside string literals reach PostgreSQL as LF)");
            text = text.replace("\r\n", "\n").replace('\r', '\n');
        }
        return text;
    }

    private static MigrationException notUtf8(String file, byte[] bytes, int from, int bad) {
        int line = 1;
        int lineStart = from;
        for (int i = from; i < bad; i++) {
            byte b = bytes[i];
            if (b == '\n' || b == '\r' && (i + 1 >= bad || bytes[i + 1] != '\n')) {
                line++;
                lineStart = i + 1;
            }
        }
        String before = new String(bytes, lineStart, bad - lineStart, StandardCharsets.UTF_8);
        int column = before.codePointCount(0, before.length()) + 1;
        String message = String.format(Locale.ROOT,
                "%s:%d: is not valid UTF-8 (byte 0x%02X at column %d); save the file as UTF-8,"
                        + " the encoding db-guard and Flyway read migrations in",
                file, line, bytes[bad] & 0xFF, column);
        return new MigrationException(file, line, null, message);
    }

    /**
     * Splits SQL text into statements. Statements end at a semicolon outside strings, comments, bodies and
     * parentheses; the last one may lack it. Each statement starts at its first token (comments before it
     * belong to no statement) and keeps the comments inside it; trailing whitespace is trimmed. Statements
     * with nothing but comments are dropped.
     *
     * @param file the name used in error messages
     * @throws MigrationException when the text ends inside a string, quoted identifier, block comment,
     *                            dollar-quoted body or {@code BEGIN ATOMIC} body, at the line where it began
     */
    public static List<SqlStatement> split(String file, String sql) {
        List<SqlStatement> statements = new ArrayList<>();
        SqlLexer lexer = new SqlLexer(file, sql);
        int start = -1;
        int line = 0;
        int parens = 0;
        int atomicDepth = 0;
        Token atomicOpen = null;
        Token previous = null;
        for (Token t = lexer.next(); t != null; t = lexer.next()) {
            if (t.type() == Type.COMMENT) {
                continue;
            }
            if (t.type() == Type.SEMICOLON && parens == 0 && atomicDepth == 0) {
                if (start >= 0) {
                    statements.add(new SqlStatement(statements.size(), line, sql.substring(start, t.start()).stripTrailing()));
                }
                start = -1;
                previous = null;
                continue;
            }
            if (start < 0) {
                start = t.start();
                line = t.line();
            }
            switch (t.type()) {
                case OPEN_PAREN -> parens++;
                case CLOSE_PAREN -> parens = Math.max(0, parens - 1);
                case WORD -> {
                    String word = t.text(sql);
                    if (word.equalsIgnoreCase("atomic") && isWord(previous, sql, "begin")) {
                        if (atomicDepth++ == 0) {
                            atomicOpen = previous;
                        }
                    } else if (atomicDepth > 0) {
                        if (word.equalsIgnoreCase("case")) {
                            atomicDepth++;
                        } else if (word.equalsIgnoreCase("end")) {
                            atomicDepth--;
                        }
                    }
                }
                default -> {
                }
            }
            previous = t;
        }
        if (atomicDepth > 0) {
            throw new MigrationException(file, atomicOpen.line(), null, file + ":" + atomicOpen.line()
                    + ": BEGIN ATOMIC body opened here is never closed (its END is missing)");
        }
        if (start >= 0) {
            statements.add(new SqlStatement(statements.size(), line, sql.substring(start).stripTrailing()));
        }
        return List.copyOf(statements);
    }

    /**
     * Fails on what only psql understands, so a plain migration gets a message naming the file and line instead
     * of a PostgreSQL syntax error: a backslash meta-command ({@code \i}, {@code \connect}, {@code \set}; a
     * backslash outside strings, comments and quoted identifiers is never SQL) and {@code COPY ... FROM STDIN}
     * (psql sends the rows that follow the statement; over JDBC there are none). Flyway reads
     * {@code COPY ... FROM STDIN} itself, so Flyway scripts are not checked here.
     *
     * @throws MigrationException at the first such line
     */
    public static void rejectPsqlOnly(String file, String sql) {
        SqlLexer lexer = new SqlLexer(file, sql);
        List<String> words = new ArrayList<>();
        int statementLine = 0;
        for (Token t = lexer.next(); t != null; t = lexer.next()) {
            switch (t.type()) {
                case COMMENT -> {
                    continue;
                }
                case OTHER -> {
                    if (t.text(sql).equals("\\")) {
                        int end = t.end();
                        while (end < sql.length() && !Character.isWhitespace(sql.charAt(end))) {
                            end++;
                        }
                        String command = sql.substring(t.start(), end);
                        throw new MigrationException(file, t.line(), null, file + ":" + t.line() + ": " + command
                                + " is a psql meta-command, not SQL: PostgreSQL and JDBC do not understand it, psql"
                                + " does. Write the SQL it stands for in the migration (for \\i, the included"
                                + " script's statements; for \\connect or \\c, run the migration against that"
                                + " database instead), or use a migration tool that runs psql");
                    }
                }
                case SEMICOLON -> {
                    rejectCopyFromStdin(file, words, statementLine);
                    words.clear();
                    continue;
                }
                default -> {
                }
            }
            if (words.isEmpty()) {
                statementLine = t.line();
            }
            words.add(t.type() == Type.WORD ? t.text(sql).toUpperCase(Locale.ROOT) : t.text(sql));
        }
        rejectCopyFromStdin(file, words, statementLine);
    }

    private static void rejectCopyFromStdin(String file, List<String> words, int line) {
        if (words.isEmpty() || !words.get(0).equals("COPY")) {
            return;
        }
        for (int i = 1; i + 1 < words.size(); i++) {
            if (words.get(i).equals("FROM") && (words.get(i + 1).equals("STDIN") || words.get(i + 1).equals("PSTDIN"))) {
                throw new MigrationException(file, line, null, file + ":" + line + ": COPY ... FROM " + words.get(i + 1)
                        + " reads its rows from psql's input, which a migration applied over JDBC does not have:"
                        + " write the rows as INSERT ... VALUES statements, or use format flyway (Flyway reads"
                        + " COPY ... FROM STDIN with its rows)");
            }
        }
    }

    private static boolean isWord(Token token, String sql, String word) {
        return token != null && token.type() == Type.WORD && token.text(sql).equalsIgnoreCase(word);
    }

    /**
     * Whether PostgreSQL refuses to run this statement inside a transaction block: {@code CREATE INDEX
     * CONCURRENTLY}, {@code DROP INDEX CONCURRENTLY}, {@code REINDEX ... CONCURRENTLY} and {@code REINDEX
     * SCHEMA|DATABASE|SYSTEM}, {@code ALTER TABLE ... DETACH PARTITION ... CONCURRENTLY}, {@code
     * CREATE|DROP DATABASE}, {@code ALTER DATABASE ... SET TABLESPACE}, {@code CREATE|DROP TABLESPACE},
     * {@code VACUUM}, {@code ALTER SYSTEM}, {@code CREATE|ALTER|DROP SUBSCRIPTION}, {@code CLUSTER} without
     * a table, {@code DISCARD ALL}, {@code COMMIT|ROLLBACK PREPARED}. Judged from the words outside
     * comments and strings, case-insensitively.
     */
    public static boolean requiresAutocommit(SqlStatement statement) {
        List<String> w = words(statement.sql());
        String first = at(w, 0);
        String second = at(w, 1);
        switch (first) {
            case "CREATE": {
                int i = second.equals("UNIQUE") ? 2 : 1;
                return at(w, i).equals("INDEX") && at(w, i + 1).equals("CONCURRENTLY")
                        || AUTOCOMMIT_ONLY_CREATE_DROP.contains(second);
            }
            case "DROP":
                return second.equals("INDEX") && at(w, 2).equals("CONCURRENTLY")
                        || AUTOCOMMIT_ONLY_CREATE_DROP.contains(second);
            case "REINDEX": {
                int i = skipParenthesized(w, 1);
                String kind = at(w, i);
                return kind.equals("SCHEMA") || kind.equals("DATABASE") || kind.equals("SYSTEM")
                        || w.contains("CONCURRENTLY");
            }
            case "ALTER":
                switch (second) {
                    case "SYSTEM":
                    case "SUBSCRIPTION":
                        return true;
                    case "TABLE":
                        return w.contains("DETACH") && w.contains("PARTITION") && w.contains("CONCURRENTLY");
                    case "DATABASE": {
                        int set = w.indexOf("SET");
                        return set > 0 && at(w, set + 1).equals("TABLESPACE");
                    }
                    default:
                        return false;
                }
            case "VACUUM":
                return true;
            case "CLUSTER": {
                int i = skipParenthesized(w, 1);
                if (at(w, i).equals("VERBOSE")) {
                    i++;
                }
                return i >= w.size();
            }
            case "DISCARD":
                return second.equals("ALL");
            case "COMMIT":
            case "ROLLBACK":
                return second.equals("PREPARED");
            default:
                return false;
        }
    }

    /**
     * Whether the statement is explicit transaction control at top level: {@code BEGIN}, {@code START
     * TRANSACTION}, {@code COMMIT}, {@code END}, {@code ROLLBACK} (not {@code ROLLBACK TO SAVEPOINT}),
     * {@code ABORT}, {@code PREPARE TRANSACTION}. The {@code BEGIN ATOMIC} of a function body is part of a
     * {@code CREATE FUNCTION} statement and never one.
     */
    public static boolean controlsTransaction(SqlStatement statement) {
        List<String> w = words(statement.sql());
        String first = at(w, 0);
        String second = at(w, 1);
        switch (first) {
            case "BEGIN":
                return !second.equals("ATOMIC");
            case "START":
            case "PREPARE":
                return second.equals("TRANSACTION");
            case "COMMIT":
            case "END":
            case "ABORT":
                return true;
            case "ROLLBACK":
                return !w.contains("TO");
            default:
                return false;
        }
    }

    /**
     * The statement's code as upper-case words and punctuation: comments left out, each string constant
     * as {@code '}, each quoted identifier as {@code "}.
     */
    static List<String> words(String sql) {
        List<String> words = new ArrayList<>();
        SqlLexer lexer = new SqlLexer("<statement>", sql);
        try {
            for (Token t = lexer.next(); t != null; t = lexer.next()) {
                switch (t.type()) {
                    case COMMENT, SEMICOLON -> {
                    }
                    case WORD -> words.add(t.text(sql).toUpperCase(Locale.ROOT));
                    case STRING, DOLLAR_STRING -> words.add("'");
                    case QUOTED_IDENTIFIER -> words.add("\"");
                    default -> words.add(t.text(sql));
                }
            }
        } catch (MigrationException unterminated) {
            // a statement that split() did not produce may be cut short: judge the words before the cut
        }
        return words;
    }

    private static String at(List<String> words, int i) {
        return i < words.size() ? words.get(i) : "";
    }

    /** Index after a parenthesized group starting at {@code i}, or {@code i} when there is none. */
    private static int skipParenthesized(List<String> w, int i) {
        if (!at(w, i).equals("(")) {
            return i;
        }
        int depth = 0;
        for (int j = i; j < w.size(); j++) {
            if (w.get(j).equals("(")) {
                depth++;
            } else if (w.get(j).equals(")") && --depth == 0) {
                return j + 1;
            }
        }
        return w.size();
    }

    /** A file saved empty by mistake: the next migration that needs it fails with "does not exist" in another file. */
    public static String emptyWarning(String file) {
        return file + " holds no SQL statement (empty, or only comments): it is applied as a no-op;"
                + " if it should create something, a later migration that uses it fails with \"does not exist\"";
    }
}
