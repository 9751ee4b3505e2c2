SET lock_timeout = '5s';
ALTER TABLE fleets ADD COLUMN tenant_id uuid;
-- each fleet gets its real tenant, from a real column
UPDATE fleets SET tenant_id = t.id FROM tenants t WHERE t.code = fleets.customer_code AND fleets.tenant_id IS NULL;

-- a table of this migration has no rows to misassign
CREATE TABLE depots (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name text
);
ALTER TABLE depots ADD COLUMN tenant_id uuid NOT NULL DEFAULT '00000000-0000-0000-0000-000000000001' REFERENCES tenants (id);
UPDATE depots SET tenant_id = '00000000-0000-0000-0000-000000000002' WHERE tenant_id IS NULL;
ALTER TABLE depots ALTER COLUMN tenant_id DROP DEFAULT;
CREATE INDEX depots_tenant_id_idx ON depots (tenant_id);
ALTER TABLE depots ENABLE ROW LEVEL SECURITY;
ALTER TABLE depots FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON depots USING (tenant_id = current_setting('app.tenant_id')::uuid);
