-- the partitions carry the same foreign key; only the parent is reported
-- expect: tenant-column-missing
CREATE TABLE readings (
    vehicle_id uuid NOT NULL REFERENCES vehicles (id),
    recorded_at timestamptz NOT NULL,
    odometer bigint NOT NULL
) PARTITION BY RANGE (recorded_at);
CREATE TABLE readings_2024 PARTITION OF readings FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE TABLE readings_2025 PARTITION OF readings FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
ALTER TABLE readings ENABLE ROW LEVEL SECURITY;
ALTER TABLE readings FORCE ROW LEVEL SECURITY;
CREATE POLICY vehicle_visible ON readings
    USING (EXISTS (SELECT 1 FROM vehicles v WHERE v.id = vehicle_id));
ALTER TABLE readings_2024 ENABLE ROW LEVEL SECURITY;
ALTER TABLE readings_2024 FORCE ROW LEVEL SECURITY;
CREATE POLICY vehicle_visible ON readings_2024
    USING (EXISTS (SELECT 1 FROM vehicles v WHERE v.id = vehicle_id));
ALTER TABLE readings_2025 ENABLE ROW LEVEL SECURITY;
ALTER TABLE readings_2025 FORCE ROW LEVEL SECURITY;
CREATE POLICY vehicle_visible ON readings_2025
    USING (EXISTS (SELECT 1 FROM vehicles v WHERE v.id = vehicle_id));
