-- the expand half of a two-phase change; the contract half (DROP DEFAULT) never came
-- expect: tenant-column-constant-default, tenant-backfill-constant, constraint-not-valid-missing, lock-timeout-missing, fails-on-existing-data
ALTER TABLE projects ADD COLUMN tenant_id uuid NOT NULL DEFAULT '7c9e6679-7425-40de-944b-e07fc1f90ae7' REFERENCES tenants (id);
-- expect: index-not-concurrent
CREATE INDEX projects_tenant_id_idx ON projects (tenant_id);
CREATE POLICY tenant_isolation ON projects
    USING (tenant_id = current_setting('app.tenant_id')::uuid);
