package dev.dbguard.core.journal;

/**
 * An object a statement dropped, from the journal's {@code sql_drop} trigger.
 *
 * @param objectType PostgreSQL's name for the kind: {@code table}, {@code table column}, {@code schema}, {@code index}
 * @param objid      the object's oid (for a column: its table's oid)
 * @param objsubid   for a column: its attribute number, else 0
 * @param original   true for the object the statement named, false for one dropped along with it (CASCADE)
 */
public record DroppedObject(long seq, StatementKey statementKey, String objectType, String schemaName,
                            String objectName, String objectIdentity, long objid, int objsubid, boolean original) {
}
