CREATE TABLE projects (
    id uuid PRIMARY KEY,
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    name text NOT NULL
);
CREATE INDEX projects_tenant_id_idx ON projects (tenant_id);
ALTER TABLE projects ENABLE ROW LEVEL SECURITY;
ALTER TABLE projects FORCE ROW LEVEL SECURITY;

CREATE POLICY tenant_select ON projects FOR SELECT
    USING (tenant_id = current_setting('app.tenant_id')::uuid);
CREATE POLICY tenant_insert ON projects FOR INSERT
    WITH CHECK (tenant_id = current_setting('app.tenant_id')::uuid);
CREATE POLICY tenant_delete ON projects FOR DELETE
    USING (tenant_id = current_setting('app.tenant_id')::uuid);
-- a tenant may update its rows into anything, another tenant's included
-- expect: isolation-write-leak, policy-write-unchecked
CREATE POLICY tenant_update ON projects FOR UPDATE
    USING (tenant_id = current_setting('app.tenant_id')::uuid) WITH CHECK (true);
