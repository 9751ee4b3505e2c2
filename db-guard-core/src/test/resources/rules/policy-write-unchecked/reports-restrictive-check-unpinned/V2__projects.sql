CREATE TABLE projects (
    id uuid PRIMARY KEY,
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    name text NOT NULL
);
CREATE INDEX projects_tenant_id_idx ON projects (tenant_id);
ALTER TABLE projects ENABLE ROW LEVEL SECURITY;
ALTER TABLE projects FORCE ROW LEVEL SECURITY;

-- reads are pinned by the restrictive policy, but its explicit WITH CHECK (true) replaces its USING for
-- writes, and the permissive policy's check is its USING (true): the effective check for INSERT and the
-- new row of an UPDATE is true AND true, so a row of any tenant can be written
-- expect: policy-write-unchecked, isolation-write-leak
CREATE POLICY everyone ON projects USING (true);
CREATE POLICY tenant_pin ON projects AS RESTRICTIVE
    USING (tenant_id = current_setting('app.tenant_id')::uuid)
    WITH CHECK (true);
