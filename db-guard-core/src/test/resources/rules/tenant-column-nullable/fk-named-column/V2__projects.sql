-- org is a tenant column because it references the tenants table
-- expect: tenant-column-nullable
CREATE TABLE projects (
    id uuid PRIMARY KEY,
    org uuid REFERENCES tenants (id),
    name text NOT NULL
);
CREATE INDEX projects_org_idx ON projects (org);
ALTER TABLE projects ENABLE ROW LEVEL SECURITY;
ALTER TABLE projects FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON projects
    USING (org = current_setting('app.tenant_id')::uuid);
