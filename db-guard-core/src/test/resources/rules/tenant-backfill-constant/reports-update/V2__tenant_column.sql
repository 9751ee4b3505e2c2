SET lock_timeout = '5s';
ALTER TABLE fleets ADD COLUMN tenant_id uuid;
-- every existing fleet goes to one tenant, whoever owns it
-- expect: tenant-backfill-constant
UPDATE fleets SET tenant_id = '00000000-0000-0000-0000-000000000001'::uuid WHERE tenant_id IS NULL;
