-- expect: lock-timeout-missing
LOCK TABLE drivers IN SHARE MODE;
UPDATE drivers SET name = 'unknown' WHERE name IS NULL;
