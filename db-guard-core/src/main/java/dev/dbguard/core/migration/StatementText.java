package dev.dbguard.core.migration;

import java.util.regex.Pattern;

/** What a statement's text says before it runs: its first words, and whether it changes the server's roles. */
public final class StatementText {

    /** Statements that change the server's roles rather than one database. */
    private static final Pattern ROLE_STATEMENT = Pattern.compile(
            "(?is)^(?:(?:CREATE|ALTER|DROP)\\s+(?:ROLE|GROUP|USER(?!\\s+MAPPING))\\b"
                    + "|(?:GRANT|REVOKE)\\b(?:(?!\\bON\\b).)*$)");
    private static final Pattern LEADING_COMMENTS = Pattern.compile("^(?:\\s+|--[^\\n]*\\n?|/\\*.*?\\*/)*",
            Pattern.DOTALL);

    /**
     * Leaves out the statements that create, alter or drop a role, or grant or revoke a role membership: roles are the
     * server's, so a second database of the same server (the data rehearsal's) has them already.
     */
    public static final StatementListener SKIP_ROLE_STATEMENTS = new StatementListener() {
        @Override
        public boolean skip(Migration migration, SqlStatement statement) {
            return changesRoles(statement.sql());
        }
    };

    private StatementText() {
    }

    /** The statement from its first word on: the whitespace and comments before it removed. */
    public static String withoutLeadingComments(String sql) {
        return LEADING_COMMENTS.matcher(sql).replaceFirst("");
    }

    /** True for a statement that creates, alters or drops a role, or grants or revokes a role membership. */
    public static boolean changesRoles(String sql) {
        return ROLE_STATEMENT.matcher(withoutLeadingComments(sql)).find();
    }
}
