-- db-guard:ignore destructive-statement nothing has read legacy_code since release 2
ALTER TABLE vehicles DROP COLUMN legacy_code;

CREATE INDEX vehicles_plate_idx ON vehicles (plate);
