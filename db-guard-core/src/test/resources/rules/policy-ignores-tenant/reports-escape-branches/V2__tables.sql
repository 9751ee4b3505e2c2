CREATE TABLE projects (
    id uuid PRIMARY KEY,
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    name text NOT NULL,
    owner_name text
);
CREATE INDEX projects_tenant_id_idx ON projects (tenant_id);
ALTER TABLE projects ENABLE ROW LEVEL SECURITY;
ALTER TABLE projects FORCE ROW LEVEL SECURITY;
CREATE TABLE documents (
    id uuid PRIMARY KEY,
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    name text NOT NULL,
    owner_name text
);
CREATE INDEX documents_tenant_id_idx ON documents (tenant_id);
ALTER TABLE documents ENABLE ROW LEVEL SECURITY;
ALTER TABLE documents FORCE ROW LEVEL SECURITY;
-- expect: probe-skipped
CREATE TABLE labels (
    id uuid PRIMARY KEY,
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    name text NOT NULL,
    owner_name text
);
CREATE INDEX labels_tenant_id_idx ON labels (tenant_id);
ALTER TABLE labels ENABLE ROW LEVEL SECURITY;
ALTER TABLE labels FORCE ROW LEVEL SECURITY;
CREATE TABLE notes (
    id uuid PRIMARY KEY,
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    name text NOT NULL,
    owner_name text
);
CREATE INDEX notes_tenant_id_idx ON notes (tenant_id);
ALTER TABLE notes ENABLE ROW LEVEL SECURITY;
ALTER TABLE notes FORCE ROW LEVEL SECURITY;
CREATE TABLE comments (
    id uuid PRIMARY KEY,
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    name text NOT NULL,
    owner_name text
);
CREATE INDEX comments_tenant_id_idx ON comments (tenant_id);
ALTER TABLE comments ENABLE ROW LEVEL SECURITY;
ALTER TABLE comments FORCE ROW LEVEL SECURITY;

-- an OR-ed escape hatch: any session that sets app.bypass_rls sees every tenant
-- expect: policy-ignores-tenant, isolation-fail-open
CREATE POLICY tenant_or_bypass ON projects
    USING (tenant_id = current_setting('app.tenant_id')::uuid
           OR current_setting('app.bypass_rls', true) = 'on');

-- fails open: with the setting unset every row passes
-- expect: policy-ignores-tenant, isolation-fail-open
CREATE POLICY unset_sees_all ON documents
    USING (current_setting('app.tenant_id', true) IS NULL
           OR tenant_id = current_setting('app.tenant_id', true)::uuid);

-- never mentions the tenant column
-- expect: policy-ignores-tenant
CREATE POLICY own_rows ON labels USING (owner_name = current_user);

-- compares the column with itself: true for every row
-- expect: policy-ignores-tenant, isolation-read-leak, isolation-write-leak
CREATE POLICY self_compare ON notes USING (tenant_id = tenant_id);

-- an INSERT policy whose check does not involve the tenant
CREATE POLICY tenant_read ON comments FOR SELECT
    USING (tenant_id = current_setting('app.tenant_id')::uuid);
-- expect: policy-ignores-tenant, isolation-write-leak
CREATE POLICY insert_any_tenant ON comments FOR INSERT
    WITH CHECK (current_setting('app.tenant_id', true) IS NOT NULL);
