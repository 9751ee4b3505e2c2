package dev.dbguard.core.api;

/**
 * A failure a person can act on: the message names the object, says what is wrong and what to do.
 * Callers print the message alone, never the stack trace.
 */
public class DbGuardException extends RuntimeException {
    public DbGuardException(String message) {
        super(message);
    }

    public DbGuardException(String message, Throwable cause) {
        super(message, cause);
    }
}
