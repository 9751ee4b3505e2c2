SET lock_timeout = '5s';

-- a plain CREATE INDEX on a table with rows blocks its writes for the whole build
-- expect: index-not-concurrent
CREATE INDEX vehicles_vin_idx ON vehicles (vin);

-- the same through DDL run inside a DO block
-- expect: index-not-concurrent
DO $$
BEGIN
    EXECUTE 'CREATE INDEX vehicles_model_year_idx ON vehicles (model_year)';
END
$$;

-- a UNIQUE constraint builds its index in place, under ACCESS EXCLUSIVE
-- expect: index-not-concurrent
ALTER TABLE vehicles ADD CONSTRAINT vehicles_tenant_vin_key UNIQUE (tenant_id, vin);
