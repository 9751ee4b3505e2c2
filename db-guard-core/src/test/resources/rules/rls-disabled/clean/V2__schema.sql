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

-- a lookup table only referenced by tenant tables is not tenant data
CREATE TABLE countries (code text PRIMARY KEY, name text NOT NULL);
ALTER TABLE projects ADD COLUMN country_code text REFERENCES countries (code);
CREATE INDEX projects_country_code_idx ON projects (country_code);

-- declared global in the configuration, although it has a tenant column
CREATE TABLE plans (
    id uuid PRIMARY KEY,
    tenant_id uuid REFERENCES tenants (id),
    name text NOT NULL
);

-- no relation to tenants at all
CREATE TABLE app_settings (key text PRIMARY KEY, value text);
