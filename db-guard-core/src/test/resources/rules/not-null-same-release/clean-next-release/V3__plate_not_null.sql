-- each migration is its own release: the code that writes plate is deployed by now
SET lock_timeout = '5s';
UPDATE vehicles SET plate = vin WHERE plate IS NULL;
ALTER TABLE vehicles ADD CONSTRAINT vehicles_plate_not_null CHECK (plate IS NOT NULL) NOT VALID;
ALTER TABLE vehicles VALIDATE CONSTRAINT vehicles_plate_not_null;
ALTER TABLE vehicles ALTER COLUMN plate SET NOT NULL;
ALTER TABLE vehicles DROP CONSTRAINT vehicles_plate_not_null;
