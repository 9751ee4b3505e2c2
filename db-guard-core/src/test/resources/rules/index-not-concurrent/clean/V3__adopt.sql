SET lock_timeout = '5s';

-- a unique constraint that adopts an index built CONCURRENTLY builds nothing
ALTER TABLE vehicles ADD CONSTRAINT vehicles_tenant_vin_key UNIQUE USING INDEX vehicles_tenant_vin_idx;

-- a table created in this migration has no rows: plain indexes and constraints are fine
CREATE TABLE trips (
    id uuid PRIMARY KEY,
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    code text
);
CREATE INDEX trips_tenant_id_idx ON trips (tenant_id);
ALTER TABLE trips ADD CONSTRAINT trips_tenant_code_key UNIQUE (tenant_id, code);
DO $$
BEGIN
    EXECUTE 'CREATE INDEX trips_code_idx ON trips (code)';
END
$$;
ALTER TABLE trips ENABLE ROW LEVEL SECURITY;
ALTER TABLE trips FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON trips USING (tenant_id = current_setting('app.tenant_id')::uuid);
