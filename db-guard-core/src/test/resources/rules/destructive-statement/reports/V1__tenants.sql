CREATE TABLE tenants (id uuid PRIMARY KEY);

CREATE TABLE vehicle_events (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    occurred_on date,
    recorded_at timestamptz
);
CREATE INDEX vehicle_events_tenant_id_idx ON vehicle_events (tenant_id);
ALTER TABLE vehicle_events ENABLE ROW LEVEL SECURITY;
ALTER TABLE vehicle_events FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON vehicle_events USING (tenant_id = current_setting('app.tenant_id')::uuid);
