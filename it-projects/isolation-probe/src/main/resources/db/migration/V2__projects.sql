-- The tenants the session may see: the one in app.tenant_id. When the setting is unset or empty (a new
-- connection, or a pooled one after SET LOCAL), the helper "helpfully" returns every tenant.
CREATE FUNCTION visible_tenants() RETURNS uuid[]
    LANGUAGE sql STABLE SECURITY INVOKER
    AS $$
        SELECT CASE WHEN coalesce(current_setting('app.tenant_id', true), '') = ''
                    THEN (SELECT array_agg(id) FROM tenants)
                    ELSE ARRAY[current_setting('app.tenant_id')::uuid]
               END
    $$;

CREATE TABLE projects (
    id uuid PRIMARY KEY,
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    name text NOT NULL,
    UNIQUE (tenant_id, name)
);
CREATE INDEX projects_tenant_id_idx ON projects (tenant_id);
ALTER TABLE projects ENABLE ROW LEVEL SECURITY;
ALTER TABLE projects FORCE ROW LEVEL SECURITY;
-- looks pinned: the tenant column against a value of the session
CREATE POLICY tenant_isolation ON projects
    USING (tenant_id = ANY (visible_tenants()))
    WITH CHECK (tenant_id = ANY (visible_tenants()));
GRANT SELECT, INSERT, UPDATE, DELETE ON projects TO app_user;
