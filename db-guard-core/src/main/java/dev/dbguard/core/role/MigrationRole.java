package dev.dbguard.core.role;

import dev.dbguard.core.api.DbGuardException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.List;

/**
 * The role migrations are applied as ({@code migrationRole}): what a managed PostgreSQL gives its admin user, a
 * role that logs in, creates databases and roles, owns the database and its schemas, and is neither superuser nor
 * BYPASSRLS. db-guard creates it unless it exists already (an init script made it, with the rights the script
 * chose), and applies the migrations with {@link RoleSession}.
 */
public final class MigrationRole {

    private final String name;
    private final boolean created;

    private MigrationRole(String name, boolean created) {
        this.name = name;
        this.created = created;
    }

    /** The role's name. */
    public String name() {
        return name;
    }

    /** True when db-guard created the role (and so gives it the database and schemas); false when it existed. */
    public boolean created() {
        return created;
    }

    /**
     * Creates the role on {@code admin}'s server unless it exists, and when it created it gives it the database
     * and the judged schemas. A superuser or BYPASSRLS role that exists already is refused: migrations applied as
     * it would be judged as today, without the rules of the migration role.
     */
    public static MigrationRole prepare(Connection admin, String name, List<String> schemas) {
        try {
            Boolean superuser = null;
            try (PreparedStatement ps = admin.prepareStatement(
                    "SELECT rolsuper OR rolbypassrls FROM pg_roles WHERE rolname = ?")) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        superuser = rs.getBoolean(1);
                    }
                }
            }
            if (Boolean.TRUE.equals(superuser)) {
                throw new DbGuardException("migrationRole " + name + " exists on the throwaway server and is a "
                        + "superuser or has BYPASSRLS, so row level security and privilege checks would not apply "
                        + "to the migrations: name a role that is neither (db-guard creates it), or have the init "
                        + "script create it NOSUPERUSER NOBYPASSRLS as production has it");
            }
            MigrationRole role = new MigrationRole(name, superuser == null);
            if (role.created) {
                // a generated password, never printed: the role logs in like a managed service's admin user, but
                // db-guard itself applies the migrations through SET SESSION AUTHORIZATION and needs none
                String password = HexFormat.of().formatHex(randomBytes());
                try (Statement s = admin.createStatement()) {
                    s.execute("CREATE ROLE " + ident(admin, name)
                            + " LOGIN CREATEDB CREATEROLE NOSUPERUSER NOBYPASSRLS PASSWORD '" + password + "'");
                } catch (SQLException e) {
                    // the statement holds the password: only PostgreSQL's text, which never quotes it
                    throw new DbGuardException("db-guard could not create migrationRole " + name + ": "
                            + e.getSQLState() + " " + firstLine(e.getMessage()));
                }
            }
            role.own(admin, schemas);
            return role;
        } catch (SQLException e) {
            throw new DbGuardException("db-guard could not prepare migrationRole " + name + ": "
                    + firstLine(e.getMessage()), e);
        }
    }

    /**
     * Gives the role the database {@code admin} is connected to and the judged schemas that exist, as a managed
     * service's admin user holds them; nothing when the role was not db-guard's (its rights are the init
     * script's). A schema owned by {@code pg_database_owner} (public, from PostgreSQL 15) is the role's already.
     */
    public void own(Connection admin, List<String> schemas) throws SQLException {
        if (!created) {
            return;
        }
        try (Statement s = admin.createStatement()) {
            String role = ident(admin, name);
            try (ResultSet rs = s.executeQuery("SELECT quote_ident(current_database())")) {
                rs.next();
                s.execute("ALTER DATABASE " + rs.getString(1) + " OWNER TO " + role);
            }
            try (PreparedStatement ps = admin.prepareStatement("""
                    SELECT quote_ident(n.nspname) FROM pg_namespace n
                    WHERE n.nspname = ANY (?) AND pg_get_userbyid(n.nspowner) <> 'pg_database_owner'""")) {
                ps.setArray(1, admin.createArrayOf("text", schemas.toArray()));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        try (Statement alter = admin.createStatement()) {
                            alter.execute("ALTER SCHEMA " + rs.getString(1) + " OWNER TO " + role);
                        }
                    }
                }
            }
        }
    }

    /** A session applying migrations as this role; {@code compare}: data statements run both ways (the rehearsal). */
    public RoleSession session(boolean compare) {
        return new RoleSession(name, compare);
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }

    static String ident(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT quote_ident(?)")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    private static String firstLine(String text) {
        return text == null ? "" : text.strip().lines().findFirst().orElse("");
    }
}
