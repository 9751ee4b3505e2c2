-- The first migration written after adopting db-guard: one NOT NULL column without a default on a table with rows.
SET lock_timeout = '5s';

ALTER TABLE vehicles ADD COLUMN odometer_km integer NOT NULL;
