CREATE TABLE projects (
    id uuid PRIMARY KEY,
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    name text NOT NULL
);
CREATE INDEX projects_tenant_id_idx ON projects (tenant_id);
ALTER TABLE projects ENABLE ROW LEVEL SECURITY;
ALTER TABLE projects FORCE ROW LEVEL SECURITY;

-- the policy looks at the row, never at the tenant: every tenant's named rows pass
-- expect: policy-ignores-tenant, isolation-read-leak, isolation-write-leak
CREATE POLICY named_rows ON projects USING (name IS NOT NULL);
