-- a table of this migration: nothing old writes it
CREATE TABLE trips (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id uuid NOT NULL REFERENCES tenants (id)
);
CREATE INDEX trips_tenant_id_idx ON trips (tenant_id);
ALTER TABLE trips ENABLE ROW LEVEL SECURITY;
ALTER TABLE trips FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON trips USING (tenant_id = current_setting('app.tenant_id')::uuid);
ALTER TABLE trips ADD COLUMN distance_km integer DEFAULT 0;
ALTER TABLE trips ALTER COLUMN distance_km DROP DEFAULT;

SET lock_timeout = '5s';
-- a column of an earlier release: its code writes color
ALTER TABLE vehicles ALTER COLUMN color DROP DEFAULT;
