package dev.dbguard.core.probe;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** The position of every sequence of the judged schemas, saved before synthetic rows advance them and set back afterwards, in one query each. */
final class Sequences {

    private final List<String> schemas = new ArrayList<>();
    private final List<String> names = new ArrayList<>();
    private final List<Long> lastValues = new ArrayList<>();
    private final List<Long> startValues = new ArrayList<>();

    private Sequences() {
    }

    static Sequences save(Connection admin, List<String> inSchemas) throws SQLException {
        Sequences saved = new Sequences();
        try (PreparedStatement ps = admin.prepareStatement(
                "SELECT schemaname::text, sequencename::text, last_value, start_value FROM pg_sequences "
                        + "WHERE schemaname = ANY (?)")) {
            ps.setArray(1, admin.createArrayOf("text", inSchemas.toArray()));
            try (
ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                saved.schemas.add(rs.getString(1));
                saved.names.add(rs.getString(2));
                long last = rs.getLong(3);
                saved.lastValues.add(rs.wasNull() ? null : last);
                saved.startValues.add(rs.getLong(4));
            }
            }
        }
        return saved;
    }

    void restore(Connection admin) throws SQLException {
        if (names.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = admin.prepareStatement("""
                SELECT setval(format('%I.%I', s, n)::regclass, coalesce(v, start), v IS NOT NULL)
                FROM unnest(?::text[], ?::text[], ?::bigint[], ?::bigint[]) AS x(s, n, v, start)""")) {
            ps.setArray(1, admin.createArrayOf("text", schemas.toArray()));
            ps.setArray(2, admin.createArrayOf("text", names.toArray()));
            ps.setArray(3, admin.createArrayOf("bigint", lastValues.toArray()));
            ps.setArray(4, admin.createArrayOf("bigint", startValues.toArray()));
            ps.execute();
        }
    }
}
