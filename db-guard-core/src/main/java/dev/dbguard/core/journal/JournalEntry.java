package dev.dbguard.core.journal;

/**
 * One DDL command PostgreSQL reported while a migration statement ran (from an event trigger, so DDL inside
 * {@code DO} blocks and functions is seen too).
 *
 * @param statementKey   the statement that ran it, as tagged by {@link DdlJournal}
 * @param commandTag     e.g. {@code CREATE TABLE}, {@code ALTER TABLE}, {@code CREATE POLICY}
 * @param objectType     e.g. {@code table}, {@code policy}, {@code index}
 * @param objectIdentity e.g. {@code public.vehicles}, {@code tenant_isolation on public.vehicles}
 * @param catalog        the system catalogue of the object, e.g. {@code pg_class}, {@code pg_policy}
 * @param objid          the object's oid in that catalogue
 */
public record JournalEntry(StatementKey statementKey, String commandTag, String objectType, String schemaName,
                           String objectIdentity, String catalog, long objid) {
}
