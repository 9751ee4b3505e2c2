CREATE TABLE tenants (id uuid PRIMARY KEY);

CREATE TABLE measurements (
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    taken_at timestamptz NOT NULL,
    value numeric NOT NULL
) PARTITION BY RANGE (taken_at);
CREATE TABLE measurements_2024 PARTITION OF measurements FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE TABLE measurements_2025 PARTITION OF measurements FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
CREATE INDEX measurements_tenant_id_idx ON measurements (tenant_id);
ALTER TABLE measurements ENABLE ROW LEVEL SECURITY;
ALTER TABLE measurements FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON measurements
    USING (tenant_id = current_setting('app.tenant_id')::uuid);
ALTER TABLE measurements_2024 ENABLE ROW LEVEL SECURITY;
ALTER TABLE measurements_2024 FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON measurements_2024
    USING (tenant_id = current_setting('app.tenant_id')::uuid);
ALTER TABLE measurements_2025 ENABLE ROW LEVEL SECURITY;
ALTER TABLE measurements_2025 FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON measurements_2025
    USING (tenant_id = current_setting('app.tenant_id')::uuid);
