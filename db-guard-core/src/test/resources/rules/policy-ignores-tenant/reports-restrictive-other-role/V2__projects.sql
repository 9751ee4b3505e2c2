CREATE TABLE projects (
    id uuid PRIMARY KEY,
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    name text NOT NULL,
    owner_name text
);
CREATE INDEX projects_tenant_id_idx ON projects (tenant_id);
ALTER TABLE projects ENABLE ROW LEVEL SECURITY;
ALTER TABLE projects FORCE ROW LEVEL SECURITY;

-- the restrictive policy binds one role; every other role gets the permissive policy alone
CREATE ROLE reporting NOLOGIN;
-- expect: policy-ignores-tenant, isolation-fail-open
CREATE POLICY tenant_or_bypass ON projects
    USING (tenant_id = current_setting('app.tenant_id')::uuid
           OR current_setting('app.bypass_rls', true) = 'on');
CREATE POLICY tenant_pin ON projects AS RESTRICTIVE TO reporting
    USING (tenant_id = current_setting('app.tenant_id')::uuid);
