-- a column no release ever wrote: the team decided it may go
-- expect-suppressed: destructive-statement
-- expect: lock-timeout-missing
-- db-guard:ignore destructive-statement the column was never written by any release (checked in prod)
ALTER TABLE vehicle_events DROP COLUMN recorded_at;
