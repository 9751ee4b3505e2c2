-- Service history and reminders carry their vehicle's tenant, so RLS can isolate them.
CREATE TABLE vehicle_events (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id   uuid NOT NULL REFERENCES tenants (id),
    vehicle_id  bigint NOT NULL,
    kind        text NOT NULL,
    odometer_km integer,
    happened_at timestamptz NOT NULL,
    FOREIGN KEY (tenant_id, vehicle_id) REFERENCES vehicles (tenant_id, id)
);

CREATE INDEX vehicle_events_tenant_id_vehicle_id_idx ON vehicle_events (tenant_id, vehicle_id);

ALTER TABLE vehicle_events ENABLE ROW LEVEL SECURITY;
ALTER TABLE vehicle_events FORCE ROW LEVEL SECURITY;

CREATE POLICY vehicle_events_tenant_isolation ON vehicle_events
    USING (tenant_id = current_setting('app.tenant_id')::uuid)
    WITH CHECK (tenant_id = current_setting('app.tenant_id')::uuid);

CREATE TABLE reminders (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id  uuid NOT NULL REFERENCES tenants (id),
    vehicle_id bigint NOT NULL,
    due_at     timestamptz NOT NULL,
    note       text,
    FOREIGN KEY (tenant_id, vehicle_id) REFERENCES vehicles (tenant_id, id)
);

CREATE INDEX reminders_tenant_id_vehicle_id_idx ON reminders (tenant_id, vehicle_id);

ALTER TABLE reminders ENABLE ROW LEVEL SECURITY;
ALTER TABLE reminders FORCE ROW LEVEL SECURITY;

CREATE POLICY reminders_tenant_isolation ON reminders
    USING (tenant_id = current_setting('app.tenant_id')::uuid)
    WITH CHECK (tenant_id = current_setting('app.tenant_id')::uuid);
