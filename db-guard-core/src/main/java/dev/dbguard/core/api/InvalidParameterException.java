package dev.dbguard.core.api;


/**
 * A parameter value the core rejects, named by its core name (the same name the Maven parameter has). The message is
 * {@code <parameter>: <problem>}; a front end that knows another name for the parameter (a user property, a command
 * line flag) builds its own message from {@link #parameter()} and {@link #problem()}.
 */
public class InvalidParameterException extends DbGuardException {

    private final String parameter;
    private final String problem;

    /**
     * @param parameter the core name of the parameter, e.g. {@code releases}
     * @param problem   what is wrong with the value and what to use instead, e.g.
     *                  {@code 'per-sprint' is not a grouping; use per-migration, major-version, marker}
     */
    public InvalidParameterException(String parameter, String problem) {
        super(parameter + ": " + problem);
        this.parameter = parameter;
        this.problem = problem;
    }

    public String parameter() {
        return parameter;
    }

    public String problem() {
        return problem;
    }
}
