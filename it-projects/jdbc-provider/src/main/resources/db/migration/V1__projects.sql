CREATE TABLE tenants (id uuid PRIMARY KEY, name text NOT NULL);

CREATE ROLE projects_app LOGIN;
GRANT USAGE ON SCHEMA public, platform TO projects_app;

CREATE TABLE projects (
    id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    name      text NOT NULL,
    UNIQUE (tenant_id, id)
);
ALTER TABLE projects ENABLE ROW LEVEL SECURITY;
ALTER TABLE projects FORCE ROW LEVEL SECURITY;
-- platform.current_tenant() comes from the init script: this migration fails without it
CREATE POLICY projects_tenant_isolation ON projects
    USING (tenant_id = platform.current_tenant())
    WITH CHECK (tenant_id = platform.current_tenant());
GRANT SELECT, INSERT ON projects TO projects_app;
