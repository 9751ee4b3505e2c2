-- every existing event would be "created" at deploy time
-- expect: timestamp-default-backfill, lock-timeout-missing
ALTER TABLE vehicle_events ADD COLUMN created_at timestamptz DEFAULT now();

-- the same through DDL run inside a DO block
-- expect: timestamp-default-backfill
DO $$
BEGIN
    EXECUTE 'ALTER TABLE vehicle_events ADD COLUMN updated_at timestamptz DEFAULT CURRENT_TIMESTAMP';
END
$$;
