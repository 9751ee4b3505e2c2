SET lock_timeout = '5s';
ALTER TABLE vehicles ADD COLUMN plate text;
UPDATE vehicles SET plate = vin WHERE plate IS NULL;
-- the code of the previous release, still running, never writes plate
-- expect: not-null-same-release
ALTER TABLE vehicles ALTER COLUMN plate SET NOT NULL;

ALTER TABLE vehicles ADD COLUMN registered_in text;
-- the same through DDL run inside a DO block
-- expect: not-null-same-release, fails-on-existing-data
DO $$
BEGIN
    EXECUTE 'ALTER TABLE vehicles ALTER COLUMN registered_in SET NOT NULL';
END
$$;
