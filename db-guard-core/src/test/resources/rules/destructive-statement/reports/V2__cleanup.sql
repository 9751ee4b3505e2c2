CREATE TABLE scratch (id int PRIMARY KEY);

-- expect: destructive-statement, lock-timeout-missing
ALTER TABLE vehicle_events DROP COLUMN occurred_on;
-- expect: destructive-statement
DELETE FROM vehicle_events;
-- expect: destructive-statement
UPDATE vehicle_events SET recorded_at = NULL;
-- expect: destructive-statement
TRUNCATE vehicle_events;
-- expect: destructive-statement
DROP TABLE vehicle_events;
-- a table of this migration is no loss
DROP TABLE scratch;
