CREATE TABLE projects (
    id uuid PRIMARY KEY,
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    name text NOT NULL
);
CREATE INDEX projects_tenant_id_idx ON projects (tenant_id);
ALTER TABLE projects ENABLE ROW LEVEL SECURITY;
ALTER TABLE projects FORCE ROW LEVEL SECURITY;

-- every tenant's rows pass: a read leak, and writes reach the other tenant too
-- expect: policy-always-true, isolation-read-leak, isolation-write-leak
CREATE POLICY everyone ON projects USING (true);
