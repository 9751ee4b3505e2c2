SET lock_timeout = '5s';
-- a validated CHECK proves there is no NULL: SET NOT NULL skips the scan
ALTER TABLE vehicles ADD CONSTRAINT vehicles_vin_not_null CHECK (vin IS NOT NULL) NOT VALID;
ALTER TABLE vehicles VALIDATE CONSTRAINT vehicles_vin_not_null;
ALTER TABLE vehicles ALTER COLUMN vin SET NOT NULL;
ALTER TABLE vehicles DROP CONSTRAINT vehicles_vin_not_null;

-- the same with the SET NOT NULL inside a DO block
ALTER TABLE vehicles ADD CONSTRAINT vehicles_model_not_null CHECK (model IS NOT NULL) NOT VALID;
ALTER TABLE vehicles VALIDATE CONSTRAINT vehicles_model_not_null;
DO $$
BEGIN
    EXECUTE 'ALTER TABLE vehicles ALTER COLUMN model SET NOT NULL';
END
$$;
ALTER TABLE vehicles DROP CONSTRAINT vehicles_model_not_null;

-- a column of this migration with a DEFAULT: every row got the default
ALTER TABLE vehicles ADD COLUMN fuel text DEFAULT 'unknown';
ALTER TABLE vehicles ALTER COLUMN fuel SET NOT NULL;

-- a table of this migration is empty: nothing to scan
CREATE TABLE trips (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id uuid NOT NULL REFERENCES tenants (id)
);
CREATE INDEX trips_tenant_id_idx ON trips (tenant_id);
ALTER TABLE trips ENABLE ROW LEVEL SECURITY;
ALTER TABLE trips FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON trips USING (tenant_id = current_setting('app.tenant_id')::uuid);
ALTER TABLE trips ADD COLUMN distance_km integer;
ALTER TABLE trips ALTER COLUMN distance_km SET NOT NULL;
