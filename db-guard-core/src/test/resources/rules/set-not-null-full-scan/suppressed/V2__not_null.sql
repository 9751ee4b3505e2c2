SET lock_timeout = '5s';
-- expect-suppressed: set-not-null-full-scan
-- db-guard:ignore set-not-null-full-scan vehicles holds a few hundred rows: the scan takes milliseconds
ALTER TABLE vehicles ALTER COLUMN vin SET NOT NULL;
