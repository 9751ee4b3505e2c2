package dev.dbguard.core.migration;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Cuts SQL text into the tokens that matter for finding statement boundaries, following PostgreSQL's
 * own lexer (scan.l) where it decides what is code and what is text: comments, string constants in all
 * their forms, quoted identifiers, dollar-quoted bodies, words, parentheses and semicolons. Everything
 * else (operators, numbers, parameters) becomes {@link Type#OTHER}. Whitespace produces no token.
 *
 * <p>Runs in time linear in the input and always ends: every step consumes at least one character.
 * Input that ends inside a string, quoted identifier, block comment or dollar-quoted body is reported as
 * a {@link MigrationException} at the line where that construct began.
 */
final class SqlLexer {

    enum Type {
        /** unquoted identifier or keyword */
        WORD,
        /** {@code "..."} or {@code U&"..."} */
        QUOTED_IDENTIFIER,
        /** {@code '...'}, {@code E'...'}, {@code U&'...'}, {@code B'...'}, {@code X'...'}, {@code N'...'} */
        STRING,
        /** {@code $$...$$} or {@code $tag$...$tag$} */
        DOLLAR_STRING,
        /** {@code -- ...} or {@code /* ... *}{@code /} */
        COMMENT,
        SEMICOLON,
        OPEN_PAREN,
        CLOSE_PAREN,
        /** anything else: operators, numbers, {@code $1} parameters, punctuation */
        OTHER
    }

    /** One token: {@code [start, end)} in the text, 1-based line of its first character. */
    record Token(Type type, int start, int end, int line) {
        String text(String sql) {
            return sql.substring(start, end);
        }
    }

    private final String file;
    private final String sql;
    private final int length;
    /** offsets where lines 2, 3, ... start */
    private final int[] lineStarts;
    private int pos;

    SqlLexer(String file, String sql) {
        this.file = file;
        this.sql = sql;
        this.length = sql.length();
        this.lineStarts = lineStarts(sql);
    }

    /** Every token of the text, in order. */
    static List<Token> tokenize(String file, String sql) {
        SqlLexer lexer = new SqlLexer(file, sql);
        List<Token> tokens = new ArrayList<>();
        for (Token t = lexer.next(); t != null; t = lexer.next()) {
            tokens.add(t);
        }
        return tokens;
    }

    /** The next token, or null at the end of the text. */
    Token next() {
        skipWhitespace();
        if (pos >= length) {
            return null;
        }
        int start = pos;
        char c = sql.charAt(pos);
        char n = pos + 1 < length ? sql.charAt(pos + 1) : '\0';
        switch (c) {
            case ';':
                pos++;
                return token(Type.SEMICOLON, start);
            case '(':
                pos++;
                return token(Type.OPEN_PAREN, start);
            case ')':
                pos++;
                return token(Type.CLOSE_PAREN, start);
            case '\'':
                return standardString(start, start);
            case '"':
                return quotedIdentifier(start, start);
            case '$':
                return dollar(start);
            case '-':
                if (n == '-') {
                    return lineComment(start);
                }
                pos++;
                return token(Type.OTHER, start);
            case '/':
                if (n == '*') {
                    return blockComment(start);
                }
                pos++;
                return token(Type.OTHER, start);
            default:
                break;
        }
        if (isIdentifierStart(c)) {
            // string and identifier prefixes: E'..', U&'..', U&"..", B'..', X'..', N'..'
            if ((c == 'E' || c == 'e') && n == '\'') {
                return escapeString(start);
            }
            if ((c == 'U' || c == 'u') && n == '&' && pos + 2 < length) {
                char q = sql.charAt(pos + 2);
                if (q == '\'') {
                    return standardString(start, pos + 2);
                }
                if (q == '"') {
                    return quotedIdentifier(start, pos + 2);
                }
            }
            if ((c == 'B' || c == 'b' || c == 'X' || c == 'x' || c == 'N' || c == 'n') && n == '\'') {
                return standardString(start, pos + 1);
            }
            pos++;
            while (pos < length && isIdentifierContinue(sql.charAt(pos))) {
                pos++;
            }
            return token(Type.WORD, start);
        }
        if (c >= '0' && c <= '9' || c == '.' && n >= '0' && n <= '9') {
            // numbers, including 1e10, 0x1F, 1_000 and the junk PostgreSQL itself rejects; never '$'
            pos++;
            while (pos < length) {
                char d = sql.charAt(pos);
                if (d >= '0' && d <= '9' || d == '.' || d == '_' || d >= 'a' && d <= 'z' || d >= 'A' && d <= 'Z') {
                    pos++;
                } else {
                    break;
                }
            }
            return token(Type.OTHER, start);
        }
        pos++;
        if (Character.isHighSurrogate(c) && pos < length && Character.isLowSurrogate(sql.charAt(pos))) {
            pos++;
        }
        return token(Type.OTHER, start);
    }

    private Token token(Type type, int start) {
        return new Token(type, start, pos, lineOf(start));
    }

    private void skipWhitespace() {
        while (pos < length) {
            char c = sql.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\u000B') {
                pos++;
            } else {
                break;
            }
        }
    }

    private Token lineComment(int start) {
        int end = sql.indexOf('\n', start);
        pos = end < 0 ? length : end;
        return token(Type.COMMENT, start);
    }

    /** Block comments nest in PostgreSQL: {@code /* a /* b *}{@code / c *}{@code /} is one comment. */
    private Token blockComment(int start) {
        int depth = 1;
        int i = start + 2;
        while (i < length) {
            char c = sql.charAt(i);
            if (c == '*' && i + 1 < length && sql.charAt(i + 1) == '/') {
                i += 2;
                if (--depth == 0) {
                    pos = i;
                    return token(Type.COMMENT, start);
                }
            } else if (c == '/' && i + 1 < length && sql.charAt(i + 1) == '*') {
                i += 2;
                depth++;
            } else {
                i++;
            }
        }
        throw unterminated(start, "block comment /* opened here is never closed"
                + (depth > 1 ? " (block comments nest in PostgreSQL: each of the " + depth
                        + " open /* needs its own */)" : ""));
    }

    /** {@code '...'} with {@code ''} as the only escape (standard_conforming_strings on, the default). */
    private Token standardString(int start, int quote) {
        int i = quote + 1;
        while (i < length) {
            if (sql.charAt(i) == '\'') {
                if (i + 1 < length && sql.charAt(i + 1) == '\'') {
                    i += 2;
                    continue;
                }
                pos = i + 1;
                return token(Type.STRING, start);
            }
            i++;
        }
        throw unterminated(start, "string literal opened here is never closed"
                + " (a closing ' is missing, or a ' inside the text is not doubled: 'it''s')");
    }

    /** {@code E'...'}: a backslash escapes the next character, {@code ''} is a quote too. */
    private Token escapeString(int start) {
        int i = start + 2;
        while (i < length) {
            char c = sql.charAt(i);
            if (c == '\\') {
                i += 2;
                continue;
            }
            if (c == '\'') {
                if (i + 1 < length && sql.charAt(i + 1) == '\'') {
                    i += 2;
                    continue;
                }
                pos = i + 1;
                return token(Type.STRING, start);
            }
            i++;
        }
        throw unterminated(start, "escape string E'...' opened here is never closed"
                + " (inside E'...' a backslash escapes the next character, so \\' does not end it)");
    }

    private Token quotedIdentifier(int start, int quote) {
        int i = quote + 1;
        while (i < length) {
            if (sql.charAt(i) == '"') {
                if (i + 1 < length && sql.charAt(i + 1) == '"') {
                    i += 2;
                    continue;
                }
                pos = i + 1;
                return token(Type.QUOTED_IDENTIFIER, start);
            }
            i++;
        }
        throw unterminated(start, "quoted identifier \" opened here is never closed");
    }

    /**
     * A {@code $} that starts a token: a dollar quote ({@code $$} or {@code $tag$}, the tag an identifier
     * without {@code $} that does not start with a digit), a parameter ({@code $1}), or a lone character.
     * A {@code $} inside a word ({@code a$b$}) never gets here: words take it.
     */
    private Token dollar(int start) {
        int i = start + 1;
        if (i < length && isDollarTagStart(sql.charAt(i))) {
            i++;
            while (i < length && isDollarTagContinue(sql.charAt(i))) {
                i++;
            }
        }
        if (i < length && sql.charAt(i) == '$') {
            String tag = sql.substring(start, i + 1);
            int close = sql.indexOf(tag, i + 1);
            if (close < 0) {
                throw unterminated(start, "dollar-quoted body " + tag + " opened here is never closed");
            }
            pos = close + tag.length();
            return token(Type.DOLLAR_STRING, start);
        }
        pos = start + 1;
        while (pos < length && sql.charAt(pos) >= '0' && sql.charAt(pos) <= '9') {
            pos++;
        }
        return token(Type.OTHER, start);
    }

    private MigrationException unterminated(int start, String what) {
        int line = lineOf(start);
        return new MigrationException(file, line, null, file + ":" + line + ": " + what);
    }

    int lineOf(int offset) {
        int i = Arrays.binarySearch(lineStarts, offset);
        // exact hit: offset starts line i + 2; otherwise i is -(lines started before offset) - 1
        return i >= 0 ? i + 2 : -i;
    }

    private static int[] lineStarts(String sql) {
        int count = 0;
        for (int i = 0; i < sql.length(); i++) {
            if (sql.charAt(i) == '\n') {
                count++;
            }
        }
        int[] starts = new int[count];
        int k = 0;
        for (int i = 0; i < sql.length(); i++) {
            if (sql.charAt(i) == '\n') {
                starts[k++] = i + 1;
            }
        }
        return starts;
    }

    static boolean isIdentifierStart(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c >= '\u0080';
    }

    static boolean isIdentifierContinue(char c) {
        return isIdentifierStart(c) || c >= '0' && c <= '9' || c == '$';
    }

    private static boolean isDollarTagStart(char c) {
        return isIdentifierStart(c);
    }

    private static boolean isDollarTagContinue(char c) {
        return isIdentifierStart(c) || c >= '0' && c <= '9';
    }
}
