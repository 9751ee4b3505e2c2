package dev.dbguard.it.billing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** The database db-guard:start exported to this module holds this module's schema and not the other's. */
class OwnDatabaseIT {

    @Test
    void holdsThisModulesTablesOnly() throws SQLException {
        String url = System.getProperty("dbguard.url");
        assertTrue(url != null && url.startsWith("jdbc:postgresql://"), "dbguard.url not set: " + url);
        try (Connection c = DriverManager.getConnection(url, System.getProperty("dbguard.username"), null);
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT to_regclass('public.invoices') IS NOT NULL, to_regclass('public.items') IS NULL, "
                     + "(SELECT count(*) FROM invoices)")) {
            rs.next();
            assertTrue(rs.getBoolean(1), "table invoices missing from " + url);
            assertTrue(rs.getBoolean(2), "table items of the other module found in " + url);
            assertEquals(0, rs.getInt(3));
        }
        System.out.println("billing IT used " + url);
    }
}
