SET lock_timeout = '5s';
CREATE ROLE app_user NOLOGIN;
CREATE ROLE migrator NOLOGIN;
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

-- a separate owner role; the application role only gets the rights it needs
ALTER TABLE projects OWNER TO migrator;
GRANT SELECT, INSERT, UPDATE, DELETE ON projects, documents TO app_user;
-- the application role may own global tables
ALTER TABLE tenants OWNER TO app_user;
