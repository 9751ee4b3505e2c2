SET lock_timeout = '5s';
ALTER TABLE invoices ADD COLUMN status text;
-- RLS is not forced: the table's owner, the migration role, sees every row
UPDATE invoices SET status = 'open' WHERE status IS NULL;
