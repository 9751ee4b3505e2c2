-- a tenant-scoped unique constraint is an index that starts with tenant_id
CREATE TABLE projects (
    id uuid PRIMARY KEY,
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    slug text NOT NULL,
    CONSTRAINT projects_tenant_id_slug_key UNIQUE (tenant_id, slug)
);
ALTER TABLE projects ENABLE ROW LEVEL SECURITY;
ALTER TABLE projects FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON projects
    USING (tenant_id = current_setting('app.tenant_id')::uuid);
