SET lock_timeout = '5s';
ALTER TABLE vehicles ADD COLUMN status text DEFAULT 'active';
-- old code does not write status: its inserts now store NULL
-- expect: drop-default-same-release
ALTER TABLE vehicles ALTER COLUMN status DROP DEFAULT;

ALTER TABLE vehicles ADD COLUMN fuel text NOT NULL DEFAULT 'diesel';
-- old code's inserts now fail on NOT NULL (NOT NULL came with the column: only this rule)
-- expect: drop-default-same-release
ALTER TABLE vehicles ALTER COLUMN fuel DROP DEFAULT;
