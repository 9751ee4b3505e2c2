-- the tenant column points at a copy of the tenants table, not at the tenants table
CREATE TABLE legacy_customers (id uuid PRIMARY KEY, name text NOT NULL);
-- the tenant column takes its values from another table: no row carries a synthetic tenant's id
-- expect: tenant-column-unreferenced
-- expect: probe-skipped
CREATE TABLE projects (
    id uuid PRIMARY KEY,
    tenant_id uuid NOT NULL REFERENCES legacy_customers (id),
    name text NOT NULL
);
CREATE INDEX projects_tenant_id_idx ON projects (tenant_id);
ALTER TABLE projects ENABLE ROW LEVEL SECURITY;
ALTER TABLE projects FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON projects
    USING (tenant_id = current_setting('app.tenant_id')::uuid);
