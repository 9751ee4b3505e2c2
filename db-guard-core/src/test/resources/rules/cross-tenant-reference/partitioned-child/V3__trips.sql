-- the partitions carry copies of the parent's foreign key; only the parent is reported
-- expect: cross-tenant-reference
CREATE TABLE trips (
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    vehicle_id uuid NOT NULL REFERENCES vehicles (id),
    started_at timestamptz NOT NULL
) PARTITION BY RANGE (started_at);
CREATE TABLE trips_2024 PARTITION OF trips FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE TABLE trips_2025 PARTITION OF trips FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
CREATE INDEX trips_tenant_id_idx ON trips (tenant_id);
ALTER TABLE trips ENABLE ROW LEVEL SECURITY;
ALTER TABLE trips FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON trips
    USING (tenant_id = current_setting('app.tenant_id')::uuid);
ALTER TABLE trips_2024 ENABLE ROW LEVEL SECURITY;
ALTER TABLE trips_2024 FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON trips_2024
    USING (tenant_id = current_setting('app.tenant_id')::uuid);
ALTER TABLE trips_2025 ENABLE ROW LEVEL SECURITY;
ALTER TABLE trips_2025 FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON trips_2025
    USING (tenant_id = current_setting('app.tenant_id')::uuid);
