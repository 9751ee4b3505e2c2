-- The events screen sorts by when a row was recorded; vehicles show when they were registered.
SET lock_timeout = '5s';

ALTER TABLE vehicle_events ADD COLUMN created_at TIMESTAMPTZ DEFAULT now();

ALTER TABLE vehicles ADD COLUMN registered_at timestamptz;
UPDATE vehicles SET registered_at = now() WHERE registered_at IS NULL;
