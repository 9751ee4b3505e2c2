SET lock_timeout = '5s';
ALTER TABLE invoices ADD COLUMN status text;
-- no tenant is set: as the migration role the policy matches no row, and the UPDATE changes none
-- expect: backfill-blocked-by-rls
UPDATE invoices SET status = 'open' WHERE status IS NULL;
