SET lock_timeout = '5s';

-- the expand half of a table rename: the old name lives on as a view for the running release
ALTER TABLE drivers RENAME TO fleet_drivers;
CREATE VIEW drivers WITH (security_invoker = true) AS SELECT * FROM fleet_drivers;

-- a column added in this migration is known to no running code yet
ALTER TABLE vehicles ADD COLUMN colour text;
ALTER TABLE vehicles RENAME COLUMN colour TO color;

-- a table created in this migration, renamed with its columns
CREATE TABLE trip (
    id uuid PRIMARY KEY,
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    dist integer
);
ALTER TABLE trip RENAME TO trips;
ALTER TABLE trips RENAME COLUMN dist TO distance;
DO $$
BEGIN
    EXECUTE 'ALTER TABLE trips RENAME COLUMN distance TO distance_km';
END
$$;
CREATE INDEX trips_tenant_id_idx ON trips (tenant_id);
ALTER TABLE trips ENABLE ROW LEVEL SECURITY;
ALTER TABLE trips FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON trips USING (tenant_id = current_setting('app.tenant_id')::uuid);
