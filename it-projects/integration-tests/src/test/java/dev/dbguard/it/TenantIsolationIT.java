package dev.dbguard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Runs against the database db-guard:start migrated, checked and left running. */
class TenantIsolationIT {

    private static final UUID ACME = UUID.fromString("00000000-0000-0000-0000-00000000000a");
    private static final UUID GLOBEX = UUID.fromString("00000000-0000-0000-0000-00000000000b");

    private static String url;

    @BeforeAll
    static void seedTwoTenants() throws SQLException {
        url = System.getProperty("dbguard.url");
        assertFalse(url == null || url.isBlank() || url.startsWith("${"), "dbguard.url was not set by db-guard:start");
        try (Connection admin = admin(); Statement s = admin.createStatement()) {
            // what db-guard hands out is the migrated schema alone: no probe rows, no journal
            assertEquals(0, count(s, "SELECT count(*) FROM notes"), "rows left in notes before the tests");
            assertEquals(0, count(s, "SELECT count(*) FROM tenants"), "rows left in tenants before the tests");
            assertEquals(0, count(s, "SELECT count(*) FROM pg_namespace WHERE nspname LIKE 'db_guard%'"));
            assertEquals(0, count(s, "SELECT count(*) FROM pg_event_trigger"));
            s.execute("INSERT INTO tenants VALUES ('" + ACME + "', 'Acme'), ('" + GLOBEX + "', 'Globex')");
            s.execute("INSERT INTO notes (tenant_id, body) VALUES ('" + ACME + "', 'acme 1'), ('" + ACME
                    + "', 'acme 2'), ('" + GLOBEX + "', 'globex 1')");
        }
    }

    private static Connection admin() throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", System.getProperty("dbguard.username"));
        String password = System.getProperty("dbguard.password");
        if (password != null && !password.isEmpty()) {
            props.setProperty("password", password);
        }
        return DriverManager.getConnection(url, props);
    }

    private static Connection asApp(UUID tenant) throws SQLException {
        Connection c = DriverManager.getConnection(url, "notes_app", "notes-app-password");
        try (PreparedStatement set = c.prepareStatement("SELECT set_config('app.tenant_id', ?, false)")) {
            set.setString(1, tenant.toString());
            set.execute();
        }
        return c;
    }

    private static int count(Statement s, String query) throws SQLException {
        try (ResultSet rs = s.executeQuery(query)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    @Test
    void theAppRoleSeesOnlyItsTenantsRows() throws SQLException {
        try (Connection app = asApp(ACME); Statement s = app.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT rolsuper OR rolbypassrls FROM pg_roles WHERE rolname = current_user")) {
                rs.next();
                assertFalse(rs.getBoolean(1), "notes_app must be subject to RLS");
            }
            List<String> bodies = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT tenant_id, body FROM notes ORDER BY body")) {
                while (rs.next()) {
                    assertEquals(ACME.toString(), rs.getString(1));
                    bodies.add(rs.getString(2));
                }
            }
            assertEquals(List.of("acme 1", "acme 2"), bodies);
        }
        try (Connection app = asApp(GLOBEX); Statement s = app.createStatement()) {
            assertEquals(1, count(s, "SELECT count(*) FROM notes"));
        }
    }

    @Test
    void theAppRoleCannotWriteAnotherTenantsRow() throws SQLException {
        try (Connection app = asApp(ACME); Statement s = app.createStatement()) {
            SQLException refused = assertThrows(SQLException.class, () ->
                    s.execute("INSERT INTO notes (tenant_id, body) VALUES ('" + GLOBEX + "', 'planted')"));
            assertEquals("42501", refused.getSQLState(), refused.getMessage());
        }
    }
}
