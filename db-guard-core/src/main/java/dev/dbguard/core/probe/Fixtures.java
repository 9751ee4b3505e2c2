package dev.dbguard.core.probe;

import dev.dbguard.core.synthetic.SyntheticData;
import dev.dbguard.core.api.DbGuardException;
import dev.dbguard.core.catalog.CatalogSnapshot;
import dev.dbguard.core.catalog.Table;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The user's fixture files ({@code fixtures} parameter): SQL run before the synthetic rows are made, for tables
 * no generator can fill. {@code {tenantA}} and {@code {tenantB}} stand for the synthetic tenants' ids. A table
 * that holds more rows afterwards takes those rows as its synthetic ones.
 */
final class Fixtures {

    private Fixtures() {
    }

    static void run(Connection admin, List<Path> locations, List<String> tenantIds, SyntheticData data,
                    List<Table> tables, CatalogSnapshot snapshot) throws SQLException {
        if (locations.isEmpty()) {
            return;
        }
        List<Path> files = files(locations);
        admin.setAutoCommit(false);
        try (Statement s = admin.createStatement()) {
            for (Path file : files) {
                String sql;
                try {
                    sql = Files.readString(file, StandardCharsets.UTF_8);
                } catch (IOException e) {
                    throw new DbGuardException("fixtures: cannot read " + file + ": " + e.getMessage(), e);
                }
                sql = sql.replace("{tenantA}", tenantIds.get(0)).replace("{tenantB}", tenantIds.get(1));
                try {
                    s.execute(sql);
                } catch (SQLException e) {
                    admin.rollback();
                    throw new DbGuardException("fixtures: " + file + " failed: " + SyntheticData.firstLine(e)
                            + "; correct the file (it runs after the migrations, {tenantA} and {tenantB} are the "
                            + "synthetic tenants' ids)", e);
                }
            }
            admin.commit();
        } finally {
            admin.setAutoCommit(true);
        }
        // tables that gained rows take those rows, parents first, so a child's rows find their tenant through
        // their parent's; counted in batches, not one query per table
        List<Table> candidates = tables.stream().filter(t -> !t.isPartition()).toList();
        long[] now = counts(admin, candidates);
        List<Table> grown = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i++) {
            if (now[i] > before(snapshot, candidates.get(i))) {
                grown.add(candidates.get(i));
            }
        }
        data.useExistingRows(admin, grown);
    }

    private static long before(CatalogSnapshot snapshot, Table table) {
        long rows = table.rowCount();
        for (Table other : snapshot.tables()) {
            if (table.name().equals(other.partitionOf())) {
                rows += before(snapshot, other);
            }
        }
        return rows;
    }

    /** Row counts of the tables, {@value #COUNT_BATCH} per query. */
    private static long[] counts(Connection admin, List<Table> tables) throws SQLException {
        long[] counts = new long[tables.size()];
        for (int from = 0; from < tables.size(); from += COUNT_BATCH) {
            StringBuilder sql = new StringBuilder();
            int to = Math.min(tables.size(), from + COUNT_BATCH);
            for (int i = from; i < to; i++) {
                sql.append(i == from ? "SELECT " : " UNION ALL SELECT ").append(i).append(", count(*) FROM ")
                        .append(tables.get(i).name().sql());
            }
            try (Statement s = admin.createStatement(); ResultSet rs = s.executeQuery(sql.toString())) {
                while (rs.next()) {
                    counts[rs.getInt(1)] = rs.getLong(2);
                }
            }
        }
        return counts;
    }

    private static final int COUNT_BATCH = 200;

    private static List<Path> files(List<Path> locations) {
        List<Path> files = new ArrayList<>();
        for (Path location : locations) {
            if (Files.isDirectory(location)) {
                try (Stream<Path> list = Files.list(location)) {
                    files.addAll(list.filter(p -> p.getFileName().toString().endsWith(".sql")).sorted().toList());
                } catch (IOException e) {
                    throw new DbGuardException("fixtures: cannot list " + location + ": " + e.getMessage(), e);
                }
            } else if (Files.isRegularFile(location)) {
                files.add(location);
            } else {
                throw new DbGuardException("fixtures: " + location + " does not exist; name SQL files or folders "
                        + "of them (parameter fixtures, property dbguard.fixtures)");
            }
        }
        return files;
    }
}
