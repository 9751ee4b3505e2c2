-- 0 switches the timeout off
SET lock_timeout = 0;
-- expect: lock-timeout-missing
DROP INDEX vehicles_plate_idx;
