-- the next release: every running version writes status now
SET lock_timeout = '5s';
ALTER TABLE vehicles ALTER COLUMN status DROP DEFAULT;
