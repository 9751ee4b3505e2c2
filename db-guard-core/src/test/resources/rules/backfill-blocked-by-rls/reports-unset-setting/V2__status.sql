SET lock_timeout = '5s';
ALTER TABLE invoices ADD COLUMN status text;
-- the policy reads app.tenant_id with one-argument current_setting: unset, it raises 42704
-- expect: backfill-blocked-by-rls
UPDATE invoices SET status = 'open' WHERE status IS NULL;
