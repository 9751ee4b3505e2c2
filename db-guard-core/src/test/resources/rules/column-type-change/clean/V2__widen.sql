SET lock_timeout = '5s';

-- changes PostgreSQL makes without touching a row
ALTER TABLE vehicles ALTER COLUMN plate TYPE varchar(40);
ALTER TABLE vehicles ALTER COLUMN vin TYPE text;
ALTER TABLE vehicles ALTER COLUMN price TYPE numeric(14,2);
ALTER TABLE vehicles ALTER COLUMN network TYPE inet;
ALTER TABLE vehicles ALTER COLUMN seen_at TYPE timestamptz;
ALTER TABLE drivers ALTER COLUMN name TYPE varchar USING name::varchar;

-- the same inside a DO block
DO $$
BEGIN
    EXECUTE 'ALTER TABLE vehicles ALTER COLUMN plate TYPE text';
END
$$;

-- a table created in this migration has no rows to rewrite
CREATE TABLE trips (
    id uuid PRIMARY KEY,
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    distance integer
);
ALTER TABLE trips ALTER COLUMN distance TYPE bigint;
CREATE INDEX trips_tenant_id_idx ON trips (tenant_id);
ALTER TABLE trips ENABLE ROW LEVEL SECURITY;
ALTER TABLE trips FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON trips USING (tenant_id = current_setting('app.tenant_id')::uuid);
