SET lock_timeout = '5s';
-- expect: timestamp-without-time-zone
ALTER TABLE vehicle_events ADD COLUMN seen_at timestamp;
