-- the constant comes from the column's domain: an insert that omits tenant_id gets it all the same
CREATE DOMAIN tenant_ref AS uuid DEFAULT '00000000-0000-0000-0000-000000000001';
-- expect: tenant-column-constant-default
CREATE TABLE projects (
    id uuid PRIMARY KEY,
    tenant_id tenant_ref NOT NULL REFERENCES tenants (id),
    name text NOT NULL
);
CREATE INDEX projects_tenant_id_idx ON projects (tenant_id);
ALTER TABLE projects ENABLE ROW LEVEL SECURITY;
ALTER TABLE projects FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON projects
    USING (tenant_id = current_setting('app.tenant_id')::uuid);
