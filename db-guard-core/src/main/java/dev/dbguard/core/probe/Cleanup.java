package dev.dbguard.core.probe;

import dev.dbguard.core.synthetic.SyntheticData;
import dev.dbguard.core.api.RunListener;
import dev.dbguard.core.catalog.CatalogSnapshot;
import dev.dbguard.core.catalog.Table;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/** Removes what the probe put into the migrated database: the synthetic (and fixture) rows, children first. */
final class Cleanup {

    private Cleanup() {
    }

    static void removeRows(Connection admin, CatalogSnapshot snapshot, SyntheticData.Result rows, RunListener listener)
            throws SQLException {
        boolean autoCommit = admin.getAutoCommit();
        admin.setAutoCommit(false);
        try {
            // foreign keys a cycle set after the fill point forward: cleared first, so children-first order holds
            try (Statement s = admin.createStatement()) {
                for (String unlink : rows.unlinks()) {
                    s.executeUpdate(unlink);
                }
            }
            List<SyntheticData.TableRows> tables = new ArrayList<>(rows.tables().values());
            java.util.Collections.reverse(tables);
            for (SyntheticData.TableRows table : tables) {
                Map<Long, List<String>> byStore = new LinkedHashMap<>();
                for (SyntheticData.Row row : table.rows()) {
                    byStore.computeIfAbsent(row.storedIn(), k -> new ArrayList<>()).add(row.ctid());
                }
                for (var entry : byStore.entrySet()) {
                    Table stored = snapshot.table(entry.getKey()).orElse(null);
                    String name = stored != null ? stored.name().sql() : null;
                    if (name == null) {
                        continue;
                    }
                    try (PreparedStatement ps = admin.prepareStatement(
                            "DELETE FROM ONLY " + name + " WHERE ctid = ANY (?::tid[])")) {
                        ps.setArray(1, admin.createArrayOf("text", entry.getValue().toArray()));
                        ps.executeUpdate();
                    }
                }
            }
            admin.commit();
            // tables that were empty before the probe are emptied again: rows that triggers or fixtures wrote too
            StringJoiner empty = new StringJoiner(", ");
            for (Table table : snapshot.tables()) {
                if (table.kind() == 'r' && table.rowCount() == 0) {
                    empty.add(table.name().sql());
                }
            }
            if (empty.length() > 0) {
                try (Statement s = admin.createStatement()) {
                    s.execute("TRUNCATE " + empty);
                    admin.commit();
                } catch (SQLException e) {
                    admin.rollback();
                    listener.warning("isolation probe: could not empty the tables that were empty before it ("
                            + SyntheticData.firstLine(e) + "); rows written by triggers may remain");
                }
            }
        } catch (SQLException e) {
            admin.rollback();
            throw e;
        } finally {
            admin.setAutoCommit(autoCommit);
        }
    }
}
