SET lock_timeout = '5s';
-- the whole safe sequence in one DO block: the check is validated before SET NOT NULL runs
DO $$
BEGIN
    ALTER TABLE vehicles ADD CONSTRAINT vehicles_vin_not_null CHECK (vin IS NOT NULL) NOT VALID;
    ALTER TABLE vehicles VALIDATE CONSTRAINT vehicles_vin_not_null;
    ALTER TABLE vehicles ALTER COLUMN vin SET NOT NULL;
    ALTER TABLE vehicles DROP CONSTRAINT vehicles_vin_not_null;
END
$$;
