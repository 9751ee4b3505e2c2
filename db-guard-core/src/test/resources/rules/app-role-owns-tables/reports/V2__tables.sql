CREATE ROLE app_user NOLOGIN;
CREATE ROLE owners NOLOGIN;
CREATE TABLE projects (
    id uuid PRIMARY KEY,
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    name text NOT NULL
);
CREATE INDEX projects_tenant_id_idx ON projects (tenant_id);
ALTER TABLE projects ENABLE ROW LEVEL SECURITY;
ALTER TABLE projects FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON projects
    USING (tenant_id = current_setting('app.tenant_id')::uuid);
CREATE TABLE documents (
    id uuid PRIMARY KEY,
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    name text NOT NULL
);
CREATE INDEX documents_tenant_id_idx ON documents (tenant_id);
ALTER TABLE documents ENABLE ROW LEVEL SECURITY;
ALTER TABLE documents FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON documents
    USING (tenant_id = current_setting('app.tenant_id')::uuid);

-- forced, so the owner is subject to the policies, but it can still switch RLS off or truncate
-- expect: app-role-owns-tables, app-role-can-truncate
ALTER TABLE projects OWNER TO app_user;

-- owned by a role the application role inherits
-- expect: app-role-owns-tables, app-role-can-truncate
ALTER TABLE documents OWNER TO owners;
GRANT owners TO app_user;
