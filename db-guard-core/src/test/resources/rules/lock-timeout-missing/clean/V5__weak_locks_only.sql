-- nothing here takes a strong lock on an existing table
ALTER TABLE vehicles VALIDATE CONSTRAINT vehicles_model_year_check;
COMMENT ON COLUMN vehicles.color IS 'paint colour as the customer names it';
ALTER TABLE vehicles ALTER COLUMN color SET STATISTICS 200;
ALTER TABLE vehicles SET (fillfactor = 90);
UPDATE vehicles SET color = 'unknown' WHERE color IS NULL AND model_year < 1990;

-- a table created in this migration is exempt, including its foreign key to an existing table
CREATE TABLE trips (
    id uuid PRIMARY KEY,
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    vehicle_id uuid NOT NULL,
    FOREIGN KEY (tenant_id, vehicle_id) REFERENCES vehicles (tenant_id, id)
);
ALTER TABLE trips ADD COLUMN distance integer;
CREATE INDEX trips_tenant_vehicle_idx ON trips (tenant_id, vehicle_id);
ALTER TABLE trips ENABLE ROW LEVEL SECURITY;
ALTER TABLE trips FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON trips USING (tenant_id = current_setting('app.tenant_id')::uuid);
