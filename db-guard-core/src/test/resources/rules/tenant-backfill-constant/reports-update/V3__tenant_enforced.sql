-- the next release: the code writes tenant_id; make it a proper tenant column
SET lock_timeout = '5s';
ALTER TABLE fleets ADD CONSTRAINT fleets_tenant_id_not_null CHECK (tenant_id IS NOT NULL) NOT VALID;
ALTER TABLE fleets VALIDATE CONSTRAINT fleets_tenant_id_not_null;
ALTER TABLE fleets ALTER COLUMN tenant_id SET NOT NULL;
ALTER TABLE fleets DROP CONSTRAINT fleets_tenant_id_not_null;
ALTER TABLE fleets ADD CONSTRAINT fleets_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES tenants (id) NOT VALID;
-- expect: fails-on-existing-data
ALTER TABLE fleets VALIDATE CONSTRAINT fleets_tenant_id_fkey;
ALTER TABLE fleets ENABLE ROW LEVEL SECURITY;
ALTER TABLE fleets FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON fleets USING (tenant_id = current_setting('app.tenant_id')::uuid);
