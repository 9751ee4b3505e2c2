CREATE TABLE scratch (id int PRIMARY KEY, note text);
ALTER TABLE scratch DROP COLUMN note;
DELETE FROM scratch;
TRUNCATE scratch;
DROP TABLE scratch;
DELETE FROM vehicle_events WHERE occurred_on < DATE '2000-01-01';
UPDATE vehicle_events SET recorded_at = occurred_on::timestamptz WHERE recorded_at IS NULL;
