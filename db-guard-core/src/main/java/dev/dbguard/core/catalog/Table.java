package dev.dbguard.core.catalog;

import java.util.List;
import java.util.Optional;

/**
 * A table (ordinary or partitioned) with everything rules look at.
 *
 * @param kind            'r' ordinary, 'p' partitioned
 * @param partitionOf     the parent when this table is a partition, else null
 * @param rowCount        exact number of rows when the snapshot was taken (of this table alone)
 */
public record Table(
        long oid,
        QualifiedName name,
        char kind,
        String owner,
        boolean rlsEnabled,
        boolean rlsForced,
        QualifiedName partitionOf,
        long rowCount,
        List<Column> columns,
        List<Constraint> constraints,
        List<Index> indexes,
        List<Policy> policies) {

    public Table {
        columns = List.copyOf(columns);
        constraints = List.copyOf(constraints);
        indexes = List.copyOf(indexes);
        policies = List.copyOf(policies);
    }

    public Optional<Column> column(String columnName) {
        return columns.stream().filter(c -> c.name().equals(columnName)).findFirst();
    }

    public List<Constraint> constraints(Constraint.Type type) {
        return constraints.stream().filter(c -> c.type() == type).toList();
    }

    public List<Constraint> foreignKeys() {
        return constraints(Constraint.Type.FOREIGN_KEY);
    }

    /**
     * True when the column can hold no NULL: NOT NULL, or a validated CHECK whose conjuncts include
     * {@code column IS NOT NULL} (a NOT VALID one still lets old rows be NULL).
     */
    public boolean rejectsNull(String columnName) {
        if (column(columnName).map(Column::notNull).orElse(false)) {
            return true;
        }
        return constraints(Constraint.Type.CHECK).stream()
                .anyMatch(check -> check.validated() && NotNullCheck.proves(check.definition(), columnName));
    }

    public boolean isPartition() {
        return partitionOf != null;
    }

    public boolean isPartitioned() {
        return kind == 'p';
    }
}
