package dev.dbguard.maven;

import dev.dbguard.core.api.InvalidParameterException;
import org.apache.maven.plugin.MojoExecutionException;

/**
 * A value the core rejects, told in Maven's words. The core checks every parameter and names it by its core name,
 * which is the Maven parameter's name; this adds the user property, so the message says what to change in the pom
 * and on the command line: {@code Invalid parameter releases (dbguard.releases): 'per-sprint' is not a grouping; ...}.
 */
final class InvalidParameters {

    /** A call into the core that may reject a parameter. */
    interface CoreCall<T> {
        T call();
    }

    private InvalidParameters() {
    }

    /** The user property of a parameter: {@code dbguard.<name>}. */
    static String userProperty(String parameter) {
        return "dbguard." + parameter;
    }

    static MojoExecutionException of(InvalidParameterException e) {
        return new MojoExecutionException("Invalid parameter " + e.parameter() + " (" + userProperty(e.parameter())
                + "): " + e.problem());
    }

    /** The call's result; a parameter the core rejects is a {@link MojoExecutionException} naming its user property. */
    static <T> T check(CoreCall<T> call) throws MojoExecutionException {
        try {
            return call.call();
        } catch (InvalidParameterException e) {
            throw of(e);
        }
    }
}
