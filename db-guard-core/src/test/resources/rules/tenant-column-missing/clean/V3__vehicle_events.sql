-- the child carries its own tenant column, tied to the parent's
CREATE TABLE vehicle_events (
    id uuid PRIMARY KEY,
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    vehicle_id uuid NOT NULL,
    happened_at timestamptz NOT NULL,
    FOREIGN KEY (tenant_id, vehicle_id) REFERENCES vehicles (tenant_id, id)
);
CREATE INDEX vehicle_events_tenant_id_idx ON vehicle_events (tenant_id);
ALTER TABLE vehicle_events ENABLE ROW LEVEL SECURITY;
ALTER TABLE vehicle_events FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON vehicle_events
    USING (tenant_id = current_setting('app.tenant_id')::uuid);
