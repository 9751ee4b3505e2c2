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

-- the restrictive policy pins the tenant for SELECT only: UPDATE and DELETE still reach every tenant
-- expect: policy-always-true, isolation-write-leak
CREATE POLICY everyone ON projects USING (true);
CREATE POLICY tenant_pin ON projects AS RESTRICTIVE FOR SELECT
    USING (tenant_id = current_setting('app.tenant_id')::uuid);

-- the restrictive policy pins the tenant for one role only; the permissive one applies to every role
CREATE ROLE reporting NOLOGIN;
-- expect: policy-always-true, isolation-read-leak, isolation-write-leak
CREATE POLICY everyone ON documents USING (true);
CREATE POLICY tenant_pin ON documents AS RESTRICTIVE TO reporting
    USING (tenant_id = current_setting('app.tenant_id')::uuid);
