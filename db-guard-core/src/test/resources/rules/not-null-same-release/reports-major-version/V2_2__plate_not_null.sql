SET lock_timeout = '5s';
-- no long lock, but V2_1 and V2_2 deploy together: the previous release's code does not write plate
ALTER TABLE vehicles ADD CONSTRAINT vehicles_plate_not_null CHECK (plate IS NOT NULL) NOT VALID;
-- expect: fails-on-existing-data
ALTER TABLE vehicles VALIDATE CONSTRAINT vehicles_plate_not_null;
-- expect: not-null-same-release
ALTER TABLE vehicles ALTER COLUMN plate SET NOT NULL;
ALTER TABLE vehicles DROP CONSTRAINT vehicles_plate_not_null;
