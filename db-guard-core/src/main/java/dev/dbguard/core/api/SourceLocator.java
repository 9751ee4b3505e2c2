package dev.dbguard.core.api;

import dev.dbguard.core.catalog.Function;
import dev.dbguard.core.catalog.Policy;
import dev.dbguard.core.catalog.Table;
import dev.dbguard.core.catalog.View;

/**
 * Finds the migration statement behind an object of the final schema, so a finding points at the line a
 * person has to change. Every method returns null when no statement is known.
 */
public interface SourceLocator {

    SourceLocator NONE = new SourceLocator() {
    };

    /** The statement that created the table. */
    default SourceRef tableCreated(Table table) {
        return null;
    }

    /** The last statement that changed the table's row level security, else the one that created it. */
    default SourceRef rowLevelSecurity(Table table) {
        return tableCreated(table);
    }

    /** The last statement that added or changed the column, else the one that created the table. */
    default SourceRef column(Table table, String column) {
        return tableCreated(table);
    }

    /** The last statement that created or changed the constraint or index, else the table's creation. */
    default SourceRef constraintOrIndex(Table table, String name) {
        return tableCreated(table);
    }

    /** The last CREATE or ALTER of the policy. */
    default SourceRef policy(Table table, Policy policy) {
        return null;
    }

    default SourceRef view(View view) {
        return null;
    }

    default SourceRef function(Function function) {
        return null;
    }

    /** The last statement that created, altered or granted the role. */
    default SourceRef role(String role) {
        return null;
    }

    /** The last statement that made {@code member} a member of {@code group} ({@code GRANT group TO member}). */
    default SourceRef membership(String group, String member) {
        return role(group);
    }

    /** The last statement that transferred ownership of the table to a role, else the table's creation. */
    default SourceRef ownership(Table table) {
        return tableCreated(table);
    }

    /** The last GRANT naming the table and the role, else the role's own statement. */
    default SourceRef grant(Table table, String role) {
        return role(role);
    }
}
