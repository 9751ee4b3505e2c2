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

-- two hops from the tenant: reminders -> vehicle_events -> vehicles
-- expect: tenant-column-missing
CREATE TABLE reminders (
    id uuid PRIMARY KEY,
    event_id uuid NOT NULL REFERENCES vehicle_events (id),
    remind_at timestamptz NOT NULL
);
ALTER TABLE reminders ENABLE ROW LEVEL SECURITY;
ALTER TABLE reminders FORCE ROW LEVEL SECURITY;
CREATE POLICY event_visible ON reminders
    USING (EXISTS (SELECT 1 FROM vehicle_events e WHERE e.id = event_id));
