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
CREATE TABLE notes (
    id uuid PRIMARY KEY,
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    name text NOT NULL
);
CREATE INDEX notes_tenant_id_idx ON notes (tenant_id);
ALTER TABLE notes ENABLE ROW LEVEL SECURITY;
ALTER TABLE notes FORCE ROW LEVEL SECURITY;

-- expect: policy-always-true, isolation-read-leak, isolation-write-leak
CREATE POLICY everyone ON projects USING (true);

-- expect: policy-always-true, isolation-read-leak, isolation-write-leak
CREATE POLICY everyone ON documents USING (1 = 1);

-- a pinned branch does not help when another OR-ed branch is always true
-- expect: policy-always-true, isolation-read-leak, isolation-write-leak
CREATE POLICY tenant_or_true ON labels
    USING (tenant_id = current_setting('app.tenant_id')::uuid OR true);

-- an INSERT policy whose WITH CHECK admits a row of any tenant
CREATE POLICY tenant_read ON notes FOR SELECT
    USING (tenant_id = current_setting('app.tenant_id')::uuid);
-- expect: policy-always-true, isolation-write-leak
CREATE POLICY insert_anything ON notes FOR INSERT WITH CHECK (true);
