-- only a constant tenant passes: the synthetic tenant A cannot see its own rows
-- expect: probe-skipped
CREATE TABLE projects (
    id uuid PRIMARY KEY,
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    name text NOT NULL,
    owner_name text
);
CREATE INDEX projects_tenant_id_idx ON projects (tenant_id);
ALTER TABLE projects ENABLE ROW LEVEL SECURITY;
ALTER TABLE projects FORCE ROW LEVEL SECURITY;

-- pinned to one fixed tenant, not the caller's: every caller sees that tenant's rows
-- expect: policy-ignores-tenant
CREATE POLICY demo_tenant ON projects
    USING (tenant_id = '00000000-0000-0000-0000-000000000001'::uuid);
