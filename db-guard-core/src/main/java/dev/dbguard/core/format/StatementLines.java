package dev.dbguard.core.format;

import dev.dbguard.core.migration.MigrationException;
import dev.dbguard.core.migration.SqlScriptReader;
import dev.dbguard.core.migration.SqlStatement;
import java.util.ArrayList;
import java.util.List;

/**
 * Gives the statements a tool executed the lines they start on in the source text. The tool (Flyway, Liquibase)
 * splits and executes; db-guard splits the same text with its own reader, which follows PostgreSQL's lexer, and
 * pairs the two lists in order. When the counts differ (a tool-specific construct such as Flyway's
 * {@code COPY ... FROM STDIN} rows), each statement is looked up by its first line, and otherwise takes the line
 * of the last statement found.
 */
final class StatementLines {

    private StatementLines() {
    }

    /**
     * @param file      for messages only
     * @param text      the source text (other units' lines blanked), or null when not readable
     * @param executed  the statements as the tool sent them, in order
     * @param fallback  the line used when nothing better is known (a changeset's first line)
     */
    static List<SqlStatement> map(String file, String text, List<String> executed, int fallback) {
        List<SqlStatement> source = List.of();
        if (text != null) {
            try {
                source = SqlScriptReader.split(file, text);
            } catch (MigrationException unreadable) {
                // the tool accepted it; lines fall back below
            }
        }
        List<SqlStatement> mapped = new ArrayList<>();
        boolean aligned = source.size() == executed.size();
        int cursor = 0;
        int line = !source.isEmpty() ? source.get(0).line() : fallback;
        for (int i = 0; i < executed.size(); i++) {
            String sql = executed.get(i);
            if (aligned) {
                line = source.get(i).line();
            } else {
                String first = firstLine(sql);
                for (int j = cursor; j < source.size(); j++) {
                    if (firstLine(source.get(j).sql()).equals(first)) {
                        line = source.get(j).line();
                        cursor = j + 1;
                        break;
                    }
                }
            }
            mapped.add(new SqlStatement(i, line, sql));
        }
        return mapped;
    }

    private static String firstLine(String sql) {
        String s = sql.strip();
        int eol = s.indexOf('\n');
        return (eol < 0 ? s : s.substring(0, eol)).strip().replaceAll("\\s+", " ");
    }

    /**
     * The statement as executed, without the comments before it, the delimiter a tool appends and surrounding
     * whitespace: as db-guard's reader gives statements (Flyway keeps the comments that precede a statement).
     */
    static String withoutDelimiter(String sql) {
        String s = withoutLeadingComments(sql.strip());
        while (s.endsWith(";")) {
            s = s.substring(0, s.length() - 1).stripTrailing();
        }
        return s;
    }

    private static String withoutLeadingComments(String sql) {
        String s = sql;
        while (true) {
            if (s.startsWith("--")) {
                int eol = s.indexOf('\n');
                s = eol < 0 ? "" : s.substring(eol + 1).stripLeading();
            } else if (s.startsWith("/*")) {
                int depth = 0;
                int i = 0;
                while (i < s.length()) {
                    if (s.startsWith("/*", i)) {
                        depth++;
                        i += 2;
                    } else if (s.startsWith("*/", i)) {
                        depth--;
                        i += 2;
                        if (depth == 0) {
                            break;
                        }
                    } else {
                        i++;
                    }
                }
                s = s.substring(Math.min(i, s.length())).stripLeading();
            } else {
                return s;
            }
        }
    }

    /** {@code text} with every line outside {@code [from, to]} (1-based) emptied, so line numbers stay. */
    static String only(String text, int from, int to) {
        String[] lines = text.split("\n", -1);
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < lines.length; i++) {
            int line = i + 1;
            if (line >= from && line <= to) {
                out.append(lines[i]);
            }
            if (i < lines.length - 1) {
                out.append('\n');
            }
        }
        return out.toString();
    }
}
