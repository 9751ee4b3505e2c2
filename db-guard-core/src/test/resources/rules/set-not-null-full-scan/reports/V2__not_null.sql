SET lock_timeout = '5s';
UPDATE vehicles SET vin = 'unknown' WHERE vin IS NULL;
-- every row is scanned under ACCESS EXCLUSIVE
-- expect: set-not-null-full-scan
ALTER TABLE vehicles ALTER COLUMN vin SET NOT NULL;

-- a NOT VALID check proves nothing until it is validated
ALTER TABLE vehicles ADD CONSTRAINT vehicles_color_not_null CHECK (color IS NOT NULL) NOT VALID;
-- expect: set-not-null-full-scan
ALTER TABLE vehicles ALTER COLUMN color SET NOT NULL;
ALTER TABLE vehicles DROP CONSTRAINT vehicles_color_not_null;

-- the same through DDL run inside a DO block
-- expect: set-not-null-full-scan
DO $$
BEGIN
    EXECUTE 'ALTER TABLE vehicles ALTER COLUMN model SET NOT NULL';
END
$$;
