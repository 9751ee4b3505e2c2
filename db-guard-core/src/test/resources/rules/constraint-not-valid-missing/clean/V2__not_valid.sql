SET lock_timeout = '5s';

-- NOT VALID is instant; VALIDATE reads the old rows without blocking writes
ALTER TABLE vehicles ADD CONSTRAINT vehicles_model_year_check CHECK (model_year > 1900) NOT VALID;
ALTER TABLE vehicles VALIDATE CONSTRAINT vehicles_model_year_check;
ALTER TABLE vehicles ADD CONSTRAINT vehicles_driver_fk
    FOREIGN KEY (tenant_id, driver_id) REFERENCES drivers (tenant_id, id) NOT VALID;
ALTER TABLE vehicles VALIDATE CONSTRAINT vehicles_driver_fk;

-- the same inside a DO block
DO $$
BEGIN
    ALTER TABLE vehicles ADD CONSTRAINT vehicles_mileage_check CHECK (mileage >= 0) NOT VALID;
    ALTER TABLE vehicles VALIDATE CONSTRAINT vehicles_mileage_check;
END
$$;

-- a renamed constraint is not a new one
ALTER TABLE vehicles RENAME CONSTRAINT vehicles_model_year_check TO vehicles_model_year_after_1900;

-- a table created in this migration has no rows to check; its foreign key to an existing table takes a brief
-- SHARE ROW EXCLUSIVE lock on vehicles that NOT VALID would not shorten
CREATE TABLE trips (
    id uuid PRIMARY KEY,
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    vehicle_id uuid NOT NULL,
    distance integer CHECK (distance >= 0),
    FOREIGN KEY (tenant_id, vehicle_id) REFERENCES vehicles (tenant_id, id)
);
ALTER TABLE trips ADD CONSTRAINT trips_distance_limit CHECK (distance < 100000);
CREATE INDEX trips_tenant_vehicle_idx ON trips (tenant_id, vehicle_id);
ALTER TABLE trips ENABLE ROW LEVEL SECURITY;
ALTER TABLE trips FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON trips USING (tenant_id = current_setting('app.tenant_id')::uuid);
