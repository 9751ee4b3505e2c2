SET lock_timeout = '5s';

-- a CHECK added as valid reads every row under ACCESS EXCLUSIVE
-- expect: constraint-not-valid-missing
ALTER TABLE vehicles ADD CONSTRAINT vehicles_model_year_check CHECK (model_year > 1900);

-- a foreign key added as valid reads every row while both tables refuse writes
-- expect: constraint-not-valid-missing
ALTER TABLE vehicles ADD CONSTRAINT vehicles_driver_fk
    FOREIGN KEY (tenant_id, driver_id) REFERENCES drivers (tenant_id, id);

-- the same through DDL run inside a DO block
-- expect: constraint-not-valid-missing
DO $$
BEGIN
    ALTER TABLE vehicles ADD CONSTRAINT vehicles_mileage_check CHECK (mileage >= 0);
END
$$;

-- a constraint that comes with a new column is checked against every row too
-- expect: constraint-not-valid-missing
ALTER TABLE drivers ADD COLUMN licence_points integer CHECK (licence_points BETWEEN 0 AND 18);
