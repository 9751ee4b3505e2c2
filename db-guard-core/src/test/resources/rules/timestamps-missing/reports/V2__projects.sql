-- neither column: one finding naming both
-- expect: timestamps-missing
CREATE TABLE projects (
    id        uuid PRIMARY KEY,
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    name      text NOT NULL
);
CREATE INDEX projects_tenant_id_idx ON projects (tenant_id);
ALTER TABLE projects ENABLE ROW LEVEL SECURITY;
ALTER TABLE projects FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON projects
    USING (tenant_id = current_setting('app.tenant_id')::uuid);

-- created_at only: the finding names updated_at
-- expect: timestamps-missing
CREATE TABLE tasks (
    id         uuid PRIMARY KEY,
    tenant_id  uuid NOT NULL REFERENCES tenants (id),
    title      text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX tasks_tenant_id_idx ON tasks (tenant_id);
ALTER TABLE tasks ENABLE ROW LEVEL SECURITY;
ALTER TABLE tasks FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON tasks
    USING (tenant_id = current_setting('app.tenant_id')::uuid);

-- a partitioned table is judged once, on its parent
-- expect: timestamps-missing
CREATE TABLE measurements (
    tenant_id  uuid NOT NULL REFERENCES tenants (id),
    taken_at   timestamptz NOT NULL,
    updated_at timestamptz
) PARTITION BY RANGE (taken_at);
CREATE TABLE measurements_2025 PARTITION OF measurements FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
CREATE INDEX measurements_tenant_id_idx ON measurements (tenant_id);
ALTER TABLE measurements ENABLE ROW LEVEL SECURITY;
ALTER TABLE measurements FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON measurements
    USING (tenant_id = current_setting('app.tenant_id')::uuid);
ALTER TABLE measurements_2025 ENABLE ROW LEVEL SECURITY;
ALTER TABLE measurements_2025 FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON measurements_2025
    USING (tenant_id = current_setting('app.tenant_id')::uuid);
