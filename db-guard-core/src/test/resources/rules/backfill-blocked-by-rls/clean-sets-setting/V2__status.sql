SET lock_timeout = '5s';
ALTER TABLE invoices ADD COLUMN status text;
-- one tenant at a time: the backfill first sets the setting its policy reads, for this transaction only
SELECT set_config('app.tenant_id', (SELECT min(id::text) FROM tenants), true);
UPDATE invoices SET status = 'open' WHERE tenant_id = (SELECT min(id::text) FROM tenants)::uuid;
