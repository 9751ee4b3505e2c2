CREATE ROLE app_user NOLOGIN;
CREATE TABLE projects (
    id uuid PRIMARY KEY,
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    name text NOT NULL
);
CREATE INDEX projects_tenant_id_idx ON projects (tenant_id);
-- expect: rls-not-forced
ALTER TABLE projects ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON projects
    USING (tenant_id = current_setting('app.tenant_id')::uuid);
-- the application role owns a table whose row level security is not forced: the owner skips the policies
-- expect: app-role-bypasses-rls, app-role-owns-tables, app-role-can-truncate
ALTER TABLE projects OWNER TO app_user;
