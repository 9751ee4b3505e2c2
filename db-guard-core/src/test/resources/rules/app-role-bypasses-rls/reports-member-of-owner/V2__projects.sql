CREATE ROLE migrator NOLOGIN;
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
-- without inheritance the application role cannot use migrator's ownership directly, but it can
-- SET ROLE migrator and then skip the policies of the unforced table
-- expect: app-role-bypasses-rls
ALTER TABLE projects OWNER TO migrator;
GRANT migrator TO app_user WITH INHERIT FALSE;
