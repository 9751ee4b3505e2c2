SET lock_timeout = '5s';
-- owner_id is a tenant column through its foreign key to tenants; DDL in a DO block is judged like plain DDL
-- expect: tenant-backfill-constant
DO $$
BEGIN
    ALTER TABLE fleets ADD COLUMN owner_id uuid DEFAULT '00000000-0000-0000-0000-000000000001';
    ALTER TABLE fleets ADD CONSTRAINT fleets_owner_id_fkey FOREIGN KEY (owner_id) REFERENCES tenants (id) NOT VALID;
END
$$;
