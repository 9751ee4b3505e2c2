-- an instant ALTER TABLE still queues every query on vehicles behind it while it waits for its lock
-- expect: lock-timeout-missing
ALTER TABLE vehicles ADD COLUMN color text;
-- one finding per migration: the first unprotected lock
ALTER TABLE vehicles ADD COLUMN trim_level text;
SET lock_timeout = '5s';
ALTER TABLE vehicles ADD COLUMN notes text;
