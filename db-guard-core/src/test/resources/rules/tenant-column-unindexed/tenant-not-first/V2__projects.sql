-- indexes that contain tenant_id, but none that starts with it
-- expect: tenant-column-unindexed
CREATE TABLE projects (
    id uuid PRIMARY KEY,
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    name text NOT NULL,
    created_at timestamptz NOT NULL
);
CREATE INDEX projects_created_at_tenant_id_idx ON projects (created_at, tenant_id);
CREATE INDEX projects_tenant_text_idx ON projects ((tenant_id::text));
ALTER TABLE projects ENABLE ROW LEVEL SECURITY;
ALTER TABLE projects FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON projects
    USING (tenant_id = current_setting('app.tenant_id')::uuid);
