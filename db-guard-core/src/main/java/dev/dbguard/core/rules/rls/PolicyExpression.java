package dev.dbguard.core.rules.rls;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A policy's USING or WITH CHECK expression, as PostgreSQL prints it ({@code pg_get_expr}), read as a tree of
 * AND, OR and NOT over atoms, to answer the two questions RLS rules ask:
 * <ul>
 *   <li>{@link #alwaysTrue()}: is it constant true ({@code true}, {@code 1 = 1}, {@code x OR true})?</li>
 *   <li>{@link #pinsTenant(Set)}: is every way for it to be true one where a tenant column equals a value taken
 *       from the session (a setting, the current user, a function), or is handed to a membership check (a function
 *       taking the tenant column, a subquery compared with it)? {@code tenant_id = tenant_id},
 *       {@code tenant_id = 7} and {@code tenant_id IS NOT NULL} do not pin anything.</li>
 * </ul>
 * PostgreSQL prints expressions fully parenthesised and normalised, which is what makes this tractable.
 */
public final class PolicyExpression {

    private sealed interface Node permits Or, And, Not, Atom {
    }

    private record Or(List<Node> children) implements Node {
    }

    private record And(List<Node> children) implements Node {
    }

    private record Not(Node child) implements Node {
    }

    private record Atom(List<Token> tokens) implements Node {
    }

    enum Kind { WORD, QUOTED_IDENT, STRING, NUMBER, OPEN, CLOSE, CAST, COMMA, DOT, OPERATOR, OTHER }

    record Token(Kind kind, String text) {
        boolean isWord(String word) {
            return kind == Kind.WORD && text.equalsIgnoreCase(word);
        }

        /** The identifier's name as PostgreSQL stores it: folded to lower case unless quoted. */
        String identifier() {
            return kind == Kind.QUOTED_IDENT ? text : text.toLowerCase(Locale.ROOT);
        }
    }

    private static final Set<String> SESSION_WORDS = Set.of("current_user", "session_user", "current_role", "user");
    /** Built-ins and SQL constructs whose value does not depend on who asks. */
    private static final Set<String> SESSIONLESS_FUNCTIONS = Set.of("array", "any", "all", "some", "exists", "in",
            "coalesce", "nullif", "greatest", "least", "lower", "upper", "trim", "btrim", "ltrim", "rtrim", "abs",
            "length", "substring", "substr", "concat", "replace", "row", "count", "min", "max", "sum", "values",
            "select", "where", "and", "or", "not");

    private final String text;
    private final Node root;

    private PolicyExpression(String text, Node root) {
        this.text = text;
        this.root = root;
    }

    public static PolicyExpression parse(String text) {
        List<Token> tokens = tokenize(text);
        return new PolicyExpression(text, parse(tokens));
    }

    public String text() {
        return text;
    }

    public boolean alwaysTrue() {
        return alwaysTrue(root);
    }

    /** True when the expression can only be true for rows whose tenant column equals a session-derived value. */
    public boolean pinsTenant(Set<String> tenantColumns) {
        return pins(root, tenantColumns);
    }

    /** True when any tenant column is mentioned at all. */
    public boolean mentions(Set<String> columns) {
        return tokenize(text).stream().anyMatch(t -> isIdentifier(t) && columns.contains(t.identifier()));
    }

    // ---- evaluation -------------------------------------------------------------------------------------

    private static boolean alwaysTrue(Node node) {
        if (node instanceof Or or) {
            return or.children().stream().anyMatch(PolicyExpression::alwaysTrue);
        }
        if (node instanceof And and) {
            return and.children().stream().allMatch(PolicyExpression::alwaysTrue);
        }
        if (node instanceof Not not) {
            return alwaysFalse(not.child());
        }
        return constant(((Atom) node).tokens()) == Boolean.TRUE;
    }

    private static boolean alwaysFalse(Node node) {
        if (node instanceof Or or) {
            return or.children().stream().allMatch(PolicyExpression::alwaysFalse);
        }
        if (node instanceof And and) {
            return and.children().stream().anyMatch(PolicyExpression::alwaysFalse);
        }
        if (node instanceof Not not) {
            return alwaysTrue(not.child());
        }
        return constant(((Atom) node).tokens()) == Boolean.FALSE;
    }

    private static boolean pins(Node node, Set<String> tenantColumns) {
        if (node instanceof Or or) {
            // every way to be true must pin; a branch that can never be true cannot leak
            return or.children().stream().allMatch(c -> pins(c, tenantColumns));
        }
        if (node instanceof And and) {
            // one pinned conjunct is enough
            return and.children().stream().anyMatch(c -> pins(c, tenantColumns));
        }
        if (node instanceof Not not) {
            return alwaysTrue(not.child()); // NOT of something always true is never true: nothing leaks
        }
        List<Token> tokens = ((Atom) node).tokens();
        return constant(tokens) == Boolean.FALSE || atomPins(tokens, tenantColumns);
    }

    /**
     * {@code col = <session value>}, {@code col IN (<subquery or session values>)}, {@code col = ANY (...)}, or an
     * {@code EXISTS (...)} subquery that mentions a tenant column. A membership check, which passes the tenant
     * column to a function ({@code has_role_on_account(account_id)}) or compares it with a subquery
     * ({@code account_id IN (SELECT ...)}, {@code = ANY (SELECT ...)}, {@code EXISTS (...)}), involves the tenant
     * column; whether it isolates depends on what the function or subquery reads (a SECURITY DEFINER body, another
     * table's policies), which the text does not show: the isolation probe judges it.
     */
    private static boolean atomPins(List<Token> tokens, Set<String> tenantColumns) {
        List<Token> atom = unwrap(tokens);
        if (!atom.isEmpty() && atom.get(0).isWord("EXISTS")) {
            return mentionsAny(atom, tenantColumns);
        }
        if (isCallWithTenantColumn(atom, tenantColumns)) {
            return true;
        }
        int split = topLevelComparison(atom);
        if (split < 0) {
            return false;
        }
        List<Token> left = atom.subList(0, split);
        Token op = atom.get(split);
        List<Token> right = atom.subList(split + 1, atom.size());
        if (op.isWord("IN")) {
            return isColumn(left, tenantColumns)
                    && (isSessionValue(right, tenantColumns) || isSubquery(right, tenantColumns));
        }
        return (isColumn(left, tenantColumns)
                        && (isSessionValue(right, tenantColumns) || isSubquery(right, tenantColumns)))
                || (isColumn(right, tenantColumns)
                        && (isSessionValue(left, tenantColumns) || isSubquery(left, tenantColumns)));
    }

    /**
     * {@code has_role_on_account(account_id)}, {@code auth.is_member(t.account_id, 'owner')}: the whole atom is a call
     * of a function that is not a plain built-in, with a tenant column of the row among its arguments.
     */
    private static boolean isCallWithTenantColumn(List<Token> atom, Set<String> tenantColumns) {
        int name = 0;
        while (name + 2 < atom.size() && isIdentifier(atom.get(name)) && atom.get(name + 1).kind() == Kind.DOT) {
            name += 2; // schema qualification
        }
        if (name + 1 >= atom.size() || !isIdentifier(atom.get(name)) || atom.get(name + 1).kind() != Kind.OPEN
                || SESSIONLESS_FUNCTIONS.contains(atom.get(name).identifier())
                || matchingClose(atom, name + 1) != atom.size() - 1) {
            return false;
        }
        return mentionsOutsideSubquery(atom.subList(name + 2, atom.size() - 1), tenantColumns);
    }

    /**
     * A subquery, bare or under {@code ANY}/{@code SOME}/{@code ALL}: {@code (SELECT ...)}, {@code ANY (SELECT ...)},
     * that does not read the row's own tenant column outside it.
     */
    private static boolean isSubquery(List<Token> side, Set<String> tenantColumns) {
        List<Token> bare = stripCasts(unwrap(side));
        if (!bare.isEmpty() && (bare.get(0).isWord("ANY") || bare.get(0).isWord("SOME") || bare.get(0).isWord("ALL"))) {
            bare = unwrap(bare.subList(1, bare.size()));
        }
        return !bare.isEmpty() && bare.get(0).isWord("SELECT") && !mentionsOutsideSubquery(side, tenantColumns)
                && !selfComparison(bare, tenantColumns);
    }

    /** {@code (SELECT tenant_id)}: a subquery over nothing that only repeats the row's own column. */
    private static boolean selfComparison(List<Token> select, Set<String> tenantColumns) {
        return select.stream().noneMatch(t -> t.isWord("FROM")) && mentionsAny(select, tenantColumns);
    }

    /** Index of the top-level {@code =} or {@code IN} of an atom, or -1. */
    private static int topLevelComparison(List<Token> atom) {
        int depth = 0;
        for (int i = 0; i < atom.size(); i++) {
            Token t = atom.get(i);
            if (t.kind() == Kind.OPEN) {
                depth++;
            } else if (t.kind() == Kind.CLOSE) {
                depth--;
            } else if (depth == 0 && ((t.kind() == Kind.OPERATOR && t.text().equals("="))
                    || (t.isWord("IN") && (i == 0 || !atom.get(i - 1).isWord("NOT"))))) {
                return i;
            }
        }
        return -1;
    }

    /** The side is just a tenant column, perhaps qualified, parenthesised and cast: {@code ((t.tenant_id)::text)}. */
    private static boolean isColumn(List<Token> side, Set<String> tenantColumns) {
        List<Token> bare = stripCasts(unwrap(side));
        if (bare.size() == 1) {
            return isIdentifier(bare.get(0)) && tenantColumns.contains(bare.get(0).identifier());
        }
        return bare.size() == 3 && bare.get(1).kind() == Kind.DOT && isIdentifier(bare.get(2))
                && tenantColumns.contains(bare.get(2).identifier());
    }

    /**
     * A value that comes from the session: it calls a function, reads the current user, or runs a subquery, and
     * does not read the tenant column of the row itself (outside a subquery).
     */
    private static boolean isSessionValue(List<Token> side, Set<String> tenantColumns) {
        return dependsOnSession(side) && !mentionsOutsideSubquery(side, tenantColumns);
    }

    /**
     * True when the tokens read something of the session: the current user, a setting, or a function that is not
     * a plain built-in (an application's {@code auth.current_tenant()}). A subquery alone is not enough:
     * {@code (SELECT id FROM tenants)} is the same for every caller.
     */
    private static boolean dependsOnSession(List<Token> tokens) {
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.kind() == Kind.WORD && SESSION_WORDS.contains(t.identifier())) {
                return true;
            }
            boolean afterCast = i > 0 && tokens.get(i - 1).kind() == Kind.CAST;
            boolean call = isIdentifier(t) && !afterCast && i + 1 < tokens.size() && tokens.get(i + 1).kind() == Kind.OPEN;
            if (call && !SESSIONLESS_FUNCTIONS.contains(t.identifier())) {
                return true;
            }
        }
        return false;
    }

    private static boolean mentionsAny(List<Token> tokens, Set<String> columns) {
        return tokens.stream().anyMatch(t -> isIdentifier(t) && columns.contains(t.identifier()));
    }

    private static boolean mentionsOutsideSubquery(List<Token> tokens, Set<String> columns) {
        int depth = 0;
        int subqueryDepth = -1;
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.kind() == Kind.OPEN) {
                depth++;
                if (subqueryDepth < 0 && i + 1 < tokens.size() && tokens.get(i + 1).isWord("SELECT")) {
                    subqueryDepth = depth;
                }
            } else if (t.kind() == Kind.CLOSE) {
                if (depth == subqueryDepth) {
                    subqueryDepth = -1;
                }
                depth--;
            } else if (subqueryDepth < 0 && isIdentifier(t) && columns.contains(t.identifier())
                    && !(i > 0 && tokens.get(i - 1).kind() == Kind.CAST)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isIdentifier(Token t) {
        return t.kind() == Kind.QUOTED_IDENT || t.kind() == Kind.WORD;
    }

    /** The value of a constant comparison ({@code true}, {@code 1 = 1}, {@code 'a'::text <> 'b'::text}), else null. */
    private static Boolean constant(List<Token> tokens) {
        List<Token> atom = stripCasts(unwrap(tokens));
        if (atom.size() == 1) {
            if (atom.get(0).isWord("true")) {
                return Boolean.TRUE;
            }
            if (atom.get(0).isWord("false")) {
                return Boolean.FALSE;
            }
            return null;
        }
        if (atom.size() == 3 && atom.get(1).kind() == Kind.OPERATOR && isLiteral(atom.get(0)) && isLiteral(atom.get(2))) {
            int order = compareLiterals(atom.get(0), atom.get(2));
            return switch (atom.get(1).text()) {
                case "=" -> order == 0;
                case "<>", "!=" -> order != 0;
                case "<" -> order < 0;
                case "<=" -> order <= 0;
                case ">" -> order > 0;
                case ">=" -> order >= 0;
                default -> null;
            };
        }
        if (atom.size() == 3 && atom.get(0).isWord("NULL") && atom.get(1).isWord("IS") && atom.get(2).isWord("NULL")) {
            return Boolean.TRUE;
        }
        return null;
    }

    private static boolean isLiteral(Token t) {
        return t.kind() == Kind.NUMBER || t.kind() == Kind.STRING;
    }

    private static int compareLiterals(Token a, Token b) {
        if (a.kind() == Kind.NUMBER && b.kind() == Kind.NUMBER) {
            return new BigDecimal(a.text()).compareTo(new BigDecimal(b.text()));
        }
        return a.text().compareTo(b.text());
    }

    /** Removes {@code ::type} suffixes (with their type modifiers and array brackets) and the parentheses they leave. */
    private static List<Token> stripCasts(List<Token> tokens) {
        List<Token> result = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.kind() == Kind.CAST) {
                i++; // the type name
                while (i + 1 < tokens.size() && (tokens.get(i + 1).kind() == Kind.DOT
                        || isIdentifier(tokens.get(i + 1)) && isMultiWordType(tokens.get(i), tokens.get(i + 1)))) {
                    i++;
                }
                if (i + 1 < tokens.size() && tokens.get(i + 1).kind() == Kind.OPEN) {
                    int depth = 0;
                    do {
                        i++;
                        if (tokens.get(i).kind() == Kind.OPEN) {
                            depth++;
                        } else if (tokens.get(i).kind() == Kind.CLOSE) {
                            depth--;
                        }
                    } while (depth > 0 && i + 1 < tokens.size());
                }
                while (i + 1 < tokens.size() && tokens.get(i + 1).text().equals("[]")) {
                    i++;
                }
                continue;
            }
            result.add(t);
        }
        return unwrap(result);
    }

    private static boolean isMultiWordType(Token previous, Token next) {
        String pair = (previous.text() + " " + next.text()).toLowerCase(Locale.ROOT);
        return pair.equals("character varying") || pair.equals("double precision") || pair.startsWith("timestamp ")
                || pair.startsWith("time ") || pair.equals("with time") || pair.equals("without time")
                || pair.equals("time zone") || pair.equals("bit varying");
    }

    /** Drops parentheses that wrap the whole token list. */
    private static List<Token> unwrap(List<Token> tokens) {
        List<Token> current = tokens;
        while (current.size() >= 2 && current.get(0).kind() == Kind.OPEN
                && matchingClose(current, 0) == current.size() - 1) {
            current = current.subList(1, current.size() - 1);
        }
        return current;
    }

    private static int matchingClose(List<Token> tokens, int open) {
        int depth = 0;
        for (int i = open; i < tokens.size(); i++) {
            if (tokens.get(i).kind() == Kind.OPEN) {
                depth++;
            } else if (tokens.get(i).kind() == Kind.CLOSE && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    // ---- parsing ----------------------------------------------------------------------------------------

    private static Node parse(List<Token> tokens) {
        List<Token> current = unwrap(tokens);
        List<List<Token>> ors = splitTopLevel(current, "OR");
        if (ors.size() > 1) {
            return new Or(ors.stream().map(PolicyExpression::parse).toList());
        }
        List<List<Token>> ands = splitTopLevel(current, "AND");
        if (ands.size() > 1) {
            return new And(ands.stream().map(PolicyExpression::parse).toList());
        }
        if (!current.isEmpty() && current.get(0).isWord("NOT")) {
            return new Not(parse(current.subList(1, current.size())));
        }
        return new Atom(current);
    }

    /** Splits at a keyword outside parentheses and CASE ... END. */
    private static List<List<Token>> splitTopLevel(List<Token> tokens, String keyword) {
        List<List<Token>> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.kind() == Kind.OPEN || t.isWord("CASE")) {
                depth++;
            } else if (t.kind() == Kind.CLOSE || t.isWord("END")) {
                depth--;
            } else if (depth == 0 && t.isWord(keyword)) {
                parts.add(tokens.subList(start, i));
                start = i + 1;
            }
        }
        parts.add(tokens.subList(start, tokens.size()));
        return parts;
    }

    static List<Token> tokenize(String text) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '\'' || ((c == 'E' || c == 'e') && i + 1 < n && text.charAt(i + 1) == '\'')) {
                int start = c == '\'' ? i : i + 1;
                boolean escapes = c != '\'';
                int j = start + 1;
                StringBuilder value = new StringBuilder();
                while (j < n) {
                    char d = text.charAt(j);
                    if (escapes && d == '\\' && j + 1 < n) {
                        value.append(text.charAt(j + 1));
                        j += 2;
                    } else if (d == '\'' && j + 1 < n && text.charAt(j + 1) == '\'') {
                        value.append('\'');
                        j += 2;
                    } else if (d == '\'') {
                        j++;
                        break;
                    } else {
                        value.append(d);
                        j++;
                    }
                }
                tokens.add(new Token(Kind.STRING, value.toString()));
                i = j;
            } else if (c == '"') {
                int j = i + 1;
                StringBuilder value = new StringBuilder();
                while (j < n) {
                    if (text.charAt(j) == '"' && j + 1 < n && text.charAt(j + 1) == '"') {
                        value.append('"');
                        j += 2;
                    } else if (text.charAt(j) == '"') {
                        j++;
                        break;
                    } else {
                        value.append(text.charAt(j++));
                    }
                }
                tokens.add(new Token(Kind.QUOTED_IDENT, value.toString()));
                i = j;
            } else if (Character.isLetter(c) || c == '_') {
                int j = i + 1;
                while (j < n && (Character.isLetterOrDigit(text.charAt(j)) || text.charAt(j) == '_' || text.charAt(j) == '$')) {
                    j++;
                }
                tokens.add(new Token(Kind.WORD, text.substring(i, j)));
                i = j;
            } else if (Character.isDigit(c)) {
                int j = i + 1;
                while (j < n && (Character.isDigit(text.charAt(j)) || text.charAt(j) == '.')) {
                    j++;
                }
                tokens.add(new Token(Kind.NUMBER, text.substring(i, j)));
                i = j;
            } else if (c == '(') {
                tokens.add(new Token(Kind.OPEN, "("));
                i++;
            } else if (c == ')') {
                tokens.add(new Token(Kind.CLOSE, ")"));
                i++;
            } else if (c == ',') {
                tokens.add(new Token(Kind.COMMA, ","));
                i++;
            } else if (c == '.') {
                tokens.add(new Token(Kind.DOT, "."));
                i++;
            } else if (c == ':' && i + 1 < n && text.charAt(i + 1) == ':') {
                tokens.add(new Token(Kind.CAST, "::"));
                i += 2;
            } else if (c == '[' && i + 1 < n && text.charAt(i + 1) == ']') {
                tokens.add(new Token(Kind.OTHER, "[]"));
                i += 2;
            } else if ("+-*/<>=~!@#%^&|`?".indexOf(c) >= 0) {
                int j = i + 1;
                while (j < n && "+-*/<>=~!@#%^&|`?".indexOf(text.charAt(j)) >= 0) {
                    j++;
                }
                tokens.add(new Token(Kind.OPERATOR, text.substring(i, j)));
                i = j;
            } else {
                tokens.add(new Token(Kind.OTHER, String.valueOf(c)));
                i++;
            }
        }
        return tokens;
    }
}
