SET lock_timeout = '5s';
ALTER TABLE invoices ADD COLUMN status text;
-- a policy for the migration role's own backfills
CREATE POLICY migrator_backfill ON invoices TO app_owner USING (true) WITH CHECK (true);
UPDATE invoices SET status = 'open' WHERE status IS NULL;
