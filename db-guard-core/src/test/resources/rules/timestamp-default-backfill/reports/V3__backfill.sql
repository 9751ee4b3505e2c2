-- a backfill that stamps old rows with the migration's time
-- expect: timestamp-default-backfill
UPDATE vehicle_events SET recorded_at = now() WHERE recorded_at IS NULL;
