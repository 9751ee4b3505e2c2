-- a table of this migration is empty: nothing to rewrite
CREATE TABLE trips (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id uuid NOT NULL REFERENCES tenants (id)
);
CREATE INDEX trips_tenant_id_idx ON trips (tenant_id);
ALTER TABLE trips ENABLE ROW LEVEL SECURITY;
ALTER TABLE trips FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON trips USING (tenant_id = current_setting('app.tenant_id')::uuid);
ALTER TABLE trips ADD COLUMN public_id uuid DEFAULT gen_random_uuid();

SET lock_timeout = '5s';
-- non-volatile defaults are stored once in the catalogue: no rewrite
ALTER TABLE vehicles ADD COLUMN status text DEFAULT 'active';
ALTER TABLE vehicles ADD COLUMN wheels integer NOT NULL DEFAULT 4;
ALTER TABLE vehicles ADD COLUMN label text DEFAULT upper('unnamed');
-- SET DEFAULT on an existing column changes no row
ALTER TABLE vehicles ALTER COLUMN vin SET DEFAULT gen_random_uuid()::text;
