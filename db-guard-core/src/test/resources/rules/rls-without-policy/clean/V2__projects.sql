SET lock_timeout = '5s';
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

-- a non-tenant table with row level security and a policy of its own
CREATE TABLE app_settings (key text PRIMARY KEY, value text, owner_name text NOT NULL);
ALTER TABLE app_settings ENABLE ROW LEVEL SECURITY;
CREATE POLICY own_settings ON app_settings USING (owner_name = current_user);

-- the tenants table is global: never reported by row level security rules
ALTER TABLE tenants ENABLE ROW LEVEL SECURITY;
