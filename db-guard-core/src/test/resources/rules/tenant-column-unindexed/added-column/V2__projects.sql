CREATE TABLE projects (
    id uuid PRIMARY KEY,
    name text NOT NULL
);
-- expect: tenant-column-unindexed
ALTER TABLE projects ADD COLUMN tenant_id uuid NOT NULL REFERENCES tenants (id);
ALTER TABLE projects ENABLE ROW LEVEL SECURITY;
ALTER TABLE projects FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON projects
    USING (tenant_id = current_setting('app.tenant_id')::uuid);
