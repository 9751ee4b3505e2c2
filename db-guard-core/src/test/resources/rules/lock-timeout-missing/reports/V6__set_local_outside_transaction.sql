-- CONCURRENTLY makes the migration run statement by statement: SET LOCAL ends with its own statement
SET LOCAL lock_timeout = '5s';
CREATE INDEX CONCURRENTLY vehicles_color_idx ON vehicles (color);
-- expect: lock-timeout-missing
ALTER TABLE vehicles ADD COLUMN fuel text;
