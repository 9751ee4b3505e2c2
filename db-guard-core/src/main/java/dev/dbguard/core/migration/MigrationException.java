package dev.dbguard.core.migration;

import dev.dbguard.core.api.DbGuardException;

/**
 * A migration could not be read or was rejected by PostgreSQL. The message is the whole story, for
 * example {@code V3__events.sql:7: PostgreSQL rejected the statement: 42601 syntax error at or near "TABLEE"};
 * file, line and SQLSTATE are also available separately (line 0 and null SQLSTATE when not known).
 */
public class MigrationException extends DbGuardException {
    private final String file;
    private final int line;
    private final String sqlState;
    private final Subject subject;

    /** What PostgreSQL named as the subject of the error, each part null when it named none. */
    public record Subject(String schema, String table, String column, String constraint) {
    }

    public MigrationException(String file, int line, String sqlState, String message) {
        this(file, line, sqlState, message, null);
    }

    public MigrationException(String file, int line, String sqlState, String message, Subject subject) {
        super(message);
        this.file = file;
        this.line = line;
        this.sqlState = sqlState;
        this.subject = subject;
    }

    /** The schema, table, column and constraint PostgreSQL's error named, or null when it was not PostgreSQL's error. */
    public Subject subject() {
        return subject;
    }

    public String file() {
        return file;
    }

    public int line() {
        return line;
    }

    public String sqlState() {
        return sqlState;
    }
}
