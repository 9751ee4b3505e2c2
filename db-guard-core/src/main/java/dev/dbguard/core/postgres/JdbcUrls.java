package dev.dbguard.core.postgres;

import dev.dbguard.core.api.DbGuardException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reading and rewriting PostgreSQL JDBC URLs ({@code jdbc:postgresql://host[:port][,host2[:port2]]/database[?params]})
 * the way the PostgreSQL JDBC driver reads them, for what db-guard needs: another database on the same server,
 * and a URL that is safe to print.
 */
public final class JdbcUrls {

    static final String PREFIX = "jdbc:postgresql://";
    private static final int DEFAULT_PORT = 5432;
    /** Query parameters that carry a secret: never printed, never exported. */
    private static final Set<String> SECRET_PARAMETERS = Set.of("password", "sslpassword");

    private JdbcUrls() {
    }

    /** Fails with a message naming the parameter when {@code url} is not a PostgreSQL JDBC URL naming a database. */
    public static void validate(String url) {
        if (url == null || !url.startsWith(PREFIX)) {
            throw new DbGuardException("url " + (url == null ? "is not set" : "'" + withoutSecrets(url)
                    + "' is not a PostgreSQL JDBC URL") + ": use jdbc:postgresql://host:5432/postgres");
        }
        String path = beforeQuery(url).substring(PREFIX.length());
        int slash = path.indexOf('/');
        if (slash <= 0 || slash == path.length() - 1) {
            throw new DbGuardException("url '" + withoutSecrets(url) + "' names no database: name the server's "
                    + "maintenance database, e.g. jdbc:postgresql://host:5432/postgres");
        }
    }

    /** The same server and parameters, another database. */
    public static String withDatabase(String url, String database) {
        validate(url);
        String base = beforeQuery(url);
        String query = url.substring(base.length());
        int slash = base.indexOf('/', PREFIX.length());
        return base.substring(0, slash + 1) + database + query;
    }

    /** {@code url} without the parameters that carry secrets ({@code password}, {@code sslpassword}). */
    public static String withoutSecrets(String url) {
        if (url == null) {
            return null;
        }
        String base = beforeQuery(url);
        if (base.length() == url.length()) {
            return url;
        }
        List<String> kept = new ArrayList<>();
        for (String parameter : url.substring(base.length() + 1).split("&")) {
            String name = parameter.contains("=") ? parameter.substring(0, parameter.indexOf('=')) : parameter;
            if (!parameter.isEmpty() && !SECRET_PARAMETERS.contains(name.toLowerCase(Locale.ROOT))) {
                kept.add(parameter);
            }
        }
        return kept.isEmpty() ? base : base + "?" + String.join("&", kept);
    }

    /** The database the URL names. */
    public static String database(String url) {
        String base = beforeQuery(url);
        return base.substring(base.indexOf('/', PREFIX.length()) + 1);
    }

    /** The first host the URL names. */
    public static String host(String url) {
        String hostPort = firstHostPort(url);
        if (hostPort.startsWith("[")) { // IPv6 literal
            return hostPort.substring(0, hostPort.indexOf(']') + 1);
        }
        int colon = hostPort.lastIndexOf(':');
        return colon < 0 ? hostPort : hostPort.substring(0, colon);
    }

    /** The port of the first host, 5432 when the URL gives none. */
    public static int port(String url) {
        String hostPort = firstHostPort(url);
        int colon = hostPort.lastIndexOf(':');
        if (colon < 0 || hostPort.lastIndexOf(']') > colon) {
            return DEFAULT_PORT;
        }
        try {
            return Integer.parseInt(hostPort.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new DbGuardException("url '" + withoutSecrets(url) + "' has no valid port");
        }
    }

    private static String firstHostPort(String url) {
        String hosts = beforeQuery(url).substring(PREFIX.length());
        int slash = hosts.indexOf('/');
        hosts = slash < 0 ? hosts : hosts.substring(0, slash);
        int comma = hosts.indexOf(',');
        return comma < 0 ? hosts : hosts.substring(0, comma);
    }

    private static String beforeQuery(String url) {
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query);
    }
}
