package dev.dbguard.core.history;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.truncate.Truncate;
import net.sf.jsqlparser.statement.update.Update;
import net.sf.jsqlparser.statement.update.UpdateSet;

/**
 * What a data statement does, which no catalogue shows: the table an UPDATE, DELETE or TRUNCATE touches, whether
 * it has a WHERE, and what an UPDATE assigns. Read with JSqlParser; a statement it cannot parse is read from its
 * leading words instead ({@link #parsed()} false), which still gives the kind and the table.
 *
 * @param tables      tables as written (possibly unqualified), lower-cased unless quoted
 * @param assignments for UPDATE: column -> expression text as written
 */
public record DataStatement(Kind kind, List<String> tables, boolean hasWhere, Map<String, String> assignments,
                            boolean parsed) {

    public enum Kind { UPDATE, DELETE, TRUNCATE }

    private static final Pattern LEADING = Pattern.compile(
            "(?is)^\\s*(UPDATE|DELETE\\s+FROM|TRUNCATE(?:\\s+TABLE)?)\\s+(?:ONLY\\s+)?((?:\"[^\"]+\"|[\\w$]+)(?:\\.(?:\"[^\"]+\"|[\\w$]+))?)");
    private static final Pattern WHERE = Pattern.compile("(?i)\\bWHERE\\b");

    /** The data statement {@code sql} is, or empty for anything else (DDL, SELECT, SET ...). */
    public static Optional<DataStatement> of(String sql) {
        Matcher leading = LEADING.matcher(sql);
        if (!leading.find()) {
            return Optional.empty();
        }
        try {
            Statement statement = CCJSqlParserUtil.parse(sql);
            if (statement instanceof Update update) {
                Map<String, String> assignments = new java.util.LinkedHashMap<>();
                for (UpdateSet set : update.getUpdateSets()) {
                    for (int i = 0; i < set.getColumns().size(); i++) {
                        Column column = set.getColumns().get(i);
                        Object value = i < set.getValues().size() ? set.getValues().get(i) : null;
                        assignments.put(normalize(column.getColumnName()), value == null ? null : value.toString());
                    }
                }
                return Optional.of(new DataStatement(Kind.UPDATE, List.of(name(update.getTable())),
                        update.getWhere() != null, assignments, true));
            }
            if (statement instanceof Delete delete) {
                return Optional.of(new DataStatement(Kind.DELETE, List.of(name(delete.getTable())),
                        delete.getWhere() != null, Map.of(), true));
            }
            if (statement instanceof Truncate truncate) {
                List<net.sf.jsqlparser.schema.Table> tables = truncate.getTables() != null && !truncate.getTables().isEmpty()
                        ? truncate.getTables() : List.of(truncate.getTable());
                return Optional.of(new DataStatement(Kind.TRUNCATE, tables.stream().map(DataStatement::name).toList(),
                        false, Map.of(), true));
            }
        } catch (JSQLParserException | RuntimeException e) {
            // fall through to the leading words
        }
        String verb = leading.group(1).toUpperCase(Locale.ROOT);
        Kind kind = verb.startsWith("UPDATE") ? Kind.UPDATE : verb.startsWith("DELETE") ? Kind.DELETE : Kind.TRUNCATE;
        return Optional.of(new DataStatement(kind, List.of(normalizeQualified(leading.group(2))),
                kind != Kind.TRUNCATE && WHERE.matcher(sql).find(), Map.of(), false));
    }

    private static String name(net.sf.jsqlparser.schema.Table table) {
        String name = normalize(table.getName());
        return table.getSchemaName() == null ? name : normalize(table.getSchemaName()) + "." + name;
    }

    private static String normalizeQualified(String text) {
        int dot = text.lastIndexOf('.');
        return dot < 0 ? normalize(text) : normalize(text.substring(0, dot)) + "." + normalize(text.substring(dot + 1));
    }

    /** An identifier as PostgreSQL stores it: unquoted folded to lower case. */
    static String normalize(String identifier) {
        if (identifier.startsWith("\"") && identifier.endsWith("\"") && identifier.length() >= 2) {
            return identifier.substring(1, identifier.length() - 1).replace("\"\"", "\"");
        }
        return identifier.toLowerCase(Locale.ROOT);
    }
}
