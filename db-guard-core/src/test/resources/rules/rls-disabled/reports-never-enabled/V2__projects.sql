-- a tenant table that never had row level security: every role that can read it sees every tenant
-- expect: rls-disabled, isolation-read-leak, isolation-write-leak
CREATE TABLE projects (
    id uuid PRIMARY KEY,
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    name text NOT NULL
);
CREATE INDEX projects_tenant_id_idx ON projects (tenant_id);
