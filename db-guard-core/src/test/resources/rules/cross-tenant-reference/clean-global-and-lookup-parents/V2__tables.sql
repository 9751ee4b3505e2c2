-- references to the tenants table and to a lookup are not between two tenant-scoped tables
CREATE TABLE countries (code text PRIMARY KEY, name text NOT NULL);
CREATE TABLE vehicles (
    id uuid PRIMARY KEY,
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    country_code text NOT NULL REFERENCES countries (code)
);
CREATE INDEX vehicles_tenant_id_idx ON vehicles (tenant_id);
ALTER TABLE vehicles ENABLE ROW LEVEL SECURITY;
ALTER TABLE vehicles FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON vehicles
    USING (tenant_id = current_setting('app.tenant_id')::uuid);
