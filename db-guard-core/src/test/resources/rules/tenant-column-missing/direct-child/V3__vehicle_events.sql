-- a vehicle's events belong to the vehicle's tenant, but the table cannot say which
-- expect: tenant-column-missing
CREATE TABLE vehicle_events (
    id uuid PRIMARY KEY,
    vehicle_id uuid NOT NULL REFERENCES vehicles (id),
    happened_at timestamptz NOT NULL
);
ALTER TABLE vehicle_events ENABLE ROW LEVEL SECURITY;
ALTER TABLE vehicle_events FORCE ROW LEVEL SECURITY;
CREATE POLICY vehicle_visible ON vehicle_events
    USING (EXISTS (SELECT 1 FROM vehicles v WHERE v.id = vehicle_id));
