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

-- an UPDATE may move a row the caller can see into another tenant
CREATE POLICY tenant_select ON projects FOR SELECT
    USING (tenant_id = current_setting('app.tenant_id')::uuid);
-- expect: policy-write-unchecked, isolation-write-leak
CREATE POLICY tenant_update ON projects FOR UPDATE
    USING (tenant_id = current_setting('app.tenant_id')::uuid)
    WITH CHECK (true);

-- an ALL policy whose explicit check does not pin the tenant: INSERT and UPDATE write anywhere
-- expect: policy-write-unchecked, isolation-write-leak
CREATE POLICY tenant_isolation ON documents
    USING (tenant_id = current_setting('app.tenant_id')::uuid)
    WITH CHECK (tenant_id IS NOT NULL);

-- the check was loosened later: the finding points at the ALTER POLICY
CREATE POLICY tenant_isolation ON labels
    USING (tenant_id = current_setting('app.tenant_id')::uuid);
