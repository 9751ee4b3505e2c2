SET lock_timeout = '5s';
-- the expand half of a two-phase change, but every existing fleet now belongs to tenant ...0001
-- expect: tenant-backfill-constant
ALTER TABLE fleets ADD COLUMN tenant_id uuid DEFAULT '00000000-0000-0000-0000-000000000001';
