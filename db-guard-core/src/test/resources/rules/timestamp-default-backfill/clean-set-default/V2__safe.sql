-- the safe sequence: nullable, default for new rows only, backfill from a real column, explicit unknowns
SET lock_timeout = '5s';
ALTER TABLE vehicle_events ADD COLUMN created_at timestamptz;
ALTER TABLE vehicle_events ALTER COLUMN created_at SET DEFAULT now();
UPDATE vehicle_events SET created_at = occurred_on::timestamptz WHERE created_at IS NULL AND occurred_on IS NOT NULL;
UPDATE vehicle_events SET created_at = '-infinity' WHERE created_at IS NULL;
COMMENT ON COLUMN vehicle_events.created_at IS '-infinity: created before created_at was recorded';
ALTER TABLE vehicle_events ADD CONSTRAINT vehicle_events_created_at_not_null CHECK (created_at IS NOT NULL) NOT VALID;
ALTER TABLE vehicle_events VALIDATE CONSTRAINT vehicle_events_created_at_not_null;
ALTER TABLE vehicle_events ALTER COLUMN created_at SET NOT NULL;
-- SET DEFAULT now() on an existing column changes no row
ALTER TABLE vehicle_events ALTER COLUMN recorded_at SET DEFAULT now();
