package dev.dbguard.core.journal;

import java.util.List;
import java.util.Optional;

/**
 * A table as it stood right after one DDL statement touched it, recorded by the journal's event trigger.
 *
 * @param seq the journal's order: later states have larger numbers
 */
public record TableState(long seq, StatementKey statementKey, long oid, String schema, String name, char relkind,
                         boolean rlsEnabled, boolean rlsForced, List<ColumnState> columns,
                         List<ConstraintState> constraints, List<IndexState> indexes) {

    public TableState {
        columns = List.copyOf(columns);
        constraints = List.copyOf(constraints);
        indexes = List.copyOf(indexes);
    }

    public String qualifiedName() {
        return schema + "." + name;
    }

    public Optional<ColumnState> column(int attnum) {
        return columns.stream().filter(c -> c.attnum() == attnum).findFirst();
    }

    public Optional<ColumnState> column(String columnName) {
        return columns.stream().filter(c -> c.name().equals(columnName)).findFirst();
    }

    public Optional<ConstraintState> constraint(String constraintName) {
        return constraints.stream().filter(c -> c.name().equals(constraintName)).findFirst();
    }

    /** True when a validated CHECK of this state guarantees {@code column IS NOT NULL}. */
    public boolean hasValidatedNotNullCheck(String column) {
        return constraints.stream().anyMatch(c -> c.type().equals("c") && c.validated()
                && dev.dbguard.core.catalog.NotNullCheck.proves(c.definition(), column));
    }

    public record ColumnState(int attnum, String name, String type, boolean notNull, String defaultExpr,
                              String identity, String generated) {
        public boolean hasDefault() {
            return defaultExpr != null || (identity != null && !identity.isEmpty())
                    || (generated != null && !generated.isEmpty());
        }
    }

    /** @param type PostgreSQL's contype: p, u, f, c, x, n */
    public record ConstraintState(String name, String type, boolean validated, String definition) {
    }

    public record IndexState(String name, String definition, boolean unique, boolean valid) {
    }
}
