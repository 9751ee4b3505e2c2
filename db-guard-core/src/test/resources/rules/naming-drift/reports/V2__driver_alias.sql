SET lock_timeout = '5s';
-- the drift starts with the column added last
-- expect: naming-drift
ALTER TABLE drivers ADD COLUMN alias text;
