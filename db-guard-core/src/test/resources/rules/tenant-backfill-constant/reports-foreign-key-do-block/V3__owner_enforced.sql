-- the next release: the code writes owner_id; make it a proper tenant column
SET lock_timeout = '5s';
ALTER TABLE fleets ALTER COLUMN owner_id DROP DEFAULT;
ALTER TABLE fleets ADD CONSTRAINT fleets_owner_id_not_null CHECK (owner_id IS NOT NULL) NOT VALID;
ALTER TABLE fleets VALIDATE CONSTRAINT fleets_owner_id_not_null;
ALTER TABLE fleets ALTER COLUMN owner_id SET NOT NULL;
ALTER TABLE fleets DROP CONSTRAINT fleets_owner_id_not_null;
-- expect: fails-on-existing-data
ALTER TABLE fleets VALIDATE CONSTRAINT fleets_owner_id_fkey;
ALTER TABLE fleets ENABLE ROW LEVEL SECURITY;
ALTER TABLE fleets FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON fleets USING (owner_id = current_setting('app.tenant_id')::uuid);
