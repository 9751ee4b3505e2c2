SET lock_timeout = '5s';
ALTER TABLE invoices ADD COLUMN status text;
-- the migration role's own policy: it backfills every tenant's rows; no tenant connects as it
CREATE POLICY migrator_backfill ON invoices TO app_owner USING (true) WITH CHECK (true);
UPDATE invoices SET status = 'open' WHERE status IS NULL;
