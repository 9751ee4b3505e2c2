CREATE TABLE projects (
    id uuid PRIMARY KEY,
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    name text NOT NULL
);
CREATE INDEX projects_tenant_id_idx ON projects (tenant_id);
ALTER TABLE projects ENABLE ROW LEVEL SECURITY;
ALTER TABLE projects FORCE ROW LEVEL SECURITY;
CREATE TABLE documents (
    id uuid PRIMARY KEY,
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    name text NOT NULL
);
CREATE INDEX documents_tenant_id_idx ON documents (tenant_id);
ALTER TABLE documents ENABLE ROW LEVEL SECURITY;
ALTER TABLE documents FORCE ROW LEVEL SECURITY;

-- a permissive USING (true) under a restrictive policy that pins the tenant: restrictive ones are AND-ed
CREATE POLICY everyone ON projects USING (true);
CREATE POLICY tenant_pin ON projects AS RESTRICTIVE
    USING (tenant_id = current_setting('app.tenant_id')::uuid);

-- per-command policies, each pinned
CREATE POLICY tenant_select ON documents FOR SELECT
    USING (tenant_id = current_setting('app.tenant_id')::uuid);
CREATE POLICY tenant_insert ON documents FOR INSERT
    WITH CHECK (tenant_id = current_setting('app.tenant_id')::uuid);
CREATE POLICY tenant_update ON documents FOR UPDATE
    USING (tenant_id = current_setting('app.tenant_id')::uuid);
CREATE POLICY tenant_delete ON documents FOR DELETE
    USING (tenant_id = current_setting('app.tenant_id')::uuid);
-- a constant false admits nothing
CREATE POLICY nothing ON documents USING (false);
