-- no NOT NULL written, but a primary key column is NOT NULL
CREATE TABLE projects (
    tenant_id uuid REFERENCES tenants (id),
    id uuid,
    name text NOT NULL,
    PRIMARY KEY (tenant_id, id)
);
ALTER TABLE projects ENABLE ROW LEVEL SECURITY;
ALTER TABLE projects FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON projects
    USING (tenant_id = current_setting('app.tenant_id')::uuid);
