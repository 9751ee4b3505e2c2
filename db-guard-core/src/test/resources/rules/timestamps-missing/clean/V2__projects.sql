CREATE TABLE projects (
    id         uuid PRIMARY KEY,
    tenant_id  uuid NOT NULL REFERENCES tenants (id),
    name       text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX projects_tenant_id_idx ON projects (tenant_id);
ALTER TABLE projects ENABLE ROW LEVEL SECURITY;
ALTER TABLE projects FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON projects
    USING (tenant_id = current_setting('app.tenant_id')::uuid);

-- partitions carry their parent's columns: the parent has both
CREATE TABLE measurements (
    tenant_id  uuid NOT NULL REFERENCES tenants (id),
    taken_at   timestamptz NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
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

-- a lookup no tenant table reaches through its foreign keys is no tenant table
CREATE TABLE countries (code text PRIMARY KEY, name text NOT NULL);
