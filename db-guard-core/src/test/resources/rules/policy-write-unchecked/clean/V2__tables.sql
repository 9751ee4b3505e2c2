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
CREATE TABLE labels (
    id uuid PRIMARY KEY,
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    name text NOT NULL
);
CREATE INDEX labels_tenant_id_idx ON labels (tenant_id);
ALTER TABLE labels ENABLE ROW LEVEL SECURITY;
ALTER TABLE labels FORCE ROW LEVEL SECURITY;

-- an UPDATE policy without WITH CHECK reuses its USING as the check
CREATE POLICY tenant_select ON projects FOR SELECT
    USING (tenant_id = current_setting('app.tenant_id')::uuid);
CREATE POLICY tenant_update ON projects FOR UPDATE
    USING (tenant_id = current_setting('app.tenant_id')::uuid);
CREATE POLICY tenant_insert ON projects FOR INSERT
    WITH CHECK (tenant_id = current_setting('app.tenant_id')::uuid);

-- an explicit check that pins the tenant
CREATE POLICY tenant_isolation ON documents
    USING (tenant_id = current_setting('app.tenant_id')::uuid)
    WITH CHECK (tenant_id = current_setting('app.tenant_id')::uuid AND name <> '');

-- WITH CHECK (true) on the permissive policy, but a restrictive policy (whose check is its USING) pins
-- the tenant on every write
CREATE POLICY tenant_update ON labels FOR UPDATE
    USING (tenant_id = current_setting('app.tenant_id')::uuid)
    WITH CHECK (true);
CREATE POLICY tenant_select ON labels FOR SELECT
    USING (tenant_id = current_setting('app.tenant_id')::uuid);
CREATE POLICY tenant_pin ON labels AS RESTRICTIVE
    USING (tenant_id = current_setting('app.tenant_id')::uuid);
