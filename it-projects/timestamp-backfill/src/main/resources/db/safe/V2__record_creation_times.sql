-- The events screen sorts by when a row was recorded; vehicles show when they were registered.
-- Old rows keep the history they really have: a real source where one exists, an explicit "unknown" otherwise.
SET lock_timeout = '5s';

-- 1. add the column without a default: old rows stay NULL, not "now"
ALTER TABLE vehicle_events ADD COLUMN created_at timestamptz;
-- 2. rows written from now on get the time they are written
ALTER TABLE vehicle_events ALTER COLUMN created_at SET DEFAULT now();
-- 3. backfill from the real source of an event's time
UPDATE vehicle_events SET created_at = happened_at WHERE created_at IS NULL AND happened_at IS NOT NULL;
-- 4. events imported without a time: marked explicitly, and documented
UPDATE vehicle_events SET created_at = '-infinity' WHERE created_at IS NULL;
COMMENT ON COLUMN vehicle_events.created_at IS
    '-infinity: imported from the old system without a time; the real creation time is unknown';
-- 5. NOT NULL without scanning the table under ACCESS EXCLUSIVE
ALTER TABLE vehicle_events ADD CONSTRAINT vehicle_events_created_at_not_null CHECK (created_at IS NOT NULL) NOT VALID;
ALTER TABLE vehicle_events VALIDATE CONSTRAINT vehicle_events_created_at_not_null;
ALTER TABLE vehicle_events ALTER COLUMN created_at SET NOT NULL;
ALTER TABLE vehicle_events DROP CONSTRAINT vehicle_events_created_at_not_null;

-- registered_at: the first event of a vehicle is the earliest time it is known to have existed; others stay NULL
ALTER TABLE vehicles ADD COLUMN registered_at timestamptz;
UPDATE vehicles AS v SET registered_at = e.first_seen
    FROM (SELECT vehicle_id, min(happened_at) AS first_seen FROM vehicle_events GROUP BY vehicle_id) AS e
    WHERE e.vehicle_id = v.id AND v.registered_at IS NULL;
COMMENT ON COLUMN vehicles.registered_at IS 'NULL: registered before registration times were recorded, no event since';
