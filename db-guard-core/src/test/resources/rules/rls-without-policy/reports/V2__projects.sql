CREATE TABLE projects (
    id uuid PRIMARY KEY,
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    name text NOT NULL
);
CREATE INDEX projects_tenant_id_idx ON projects (tenant_id);
ALTER TABLE projects ENABLE ROW LEVEL SECURITY;
-- enabled and forced, but nobody wrote the policy: every role but the owner sees nothing
-- expect: rls-without-policy
ALTER TABLE projects FORCE ROW LEVEL SECURITY;

-- any table, not only tenant tables
CREATE TABLE app_settings (key text PRIMARY KEY, value text);
-- expect: rls-without-policy
ALTER TABLE app_settings ENABLE ROW LEVEL SECURITY;
