-- Not transactional: Flyway runs this migration without a transaction because <mixed> is true.
CREATE INDEX CONCURRENTLY invoices_total_idx ON invoices (total);
COMMENT ON INDEX invoices_total_idx IS 'reports by amount';
