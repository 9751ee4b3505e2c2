-- V2_1 is already in production: its code writes plate
SET lock_timeout = '5s';
ALTER TABLE vehicles ADD CONSTRAINT vehicles_plate_not_null CHECK (plate IS NOT NULL) NOT VALID;
-- expect: fails-on-existing-data
ALTER TABLE vehicles VALIDATE CONSTRAINT vehicles_plate_not_null;
ALTER TABLE vehicles ALTER COLUMN plate SET NOT NULL;
ALTER TABLE vehicles DROP CONSTRAINT vehicles_plate_not_null;
