-- the column is new, but the rows are old: stamping them with now() invents their history
-- expect: lock-timeout-missing
ALTER TABLE vehicle_events ADD COLUMN archived_at timestamptz;
-- expect: timestamp-default-backfill, destructive-statement
UPDATE vehicle_events SET archived_at = now();
