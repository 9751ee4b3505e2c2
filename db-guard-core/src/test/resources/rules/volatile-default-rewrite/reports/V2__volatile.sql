SET lock_timeout = '5s';
-- gen_random_uuid() is volatile: one value per row, the whole table is rewritten
-- expect: volatile-default-rewrite
ALTER TABLE vehicles ADD COLUMN public_id uuid DEFAULT gen_random_uuid();
-- serial is a nextval() default
-- expect: volatile-default-rewrite
ALTER TABLE vehicles ADD COLUMN fleet_number serial;
-- clock_timestamp() is volatile and a timestamp backfill as well
-- expect: timestamp-default-backfill, volatile-default-rewrite
ALTER TABLE vehicles ADD COLUMN seen_at timestamptz DEFAULT clock_timestamp();

-- the same through DDL run inside a DO block
-- expect: volatile-default-rewrite
DO $$
BEGIN
    EXECUTE 'ALTER TABLE vehicles ADD COLUMN sample_weight double precision DEFAULT random()';
END
$$;
