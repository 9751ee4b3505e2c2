-- CONCURRENTLY builds without blocking writes (the migration then runs statement by statement)
CREATE INDEX CONCURRENTLY vehicles_vin_idx ON vehicles (vin);
CREATE UNIQUE INDEX CONCURRENTLY vehicles_tenant_vin_idx ON vehicles (tenant_id, vin);
-- a renamed index is no new build
ALTER INDEX vehicles_vin_idx RENAME TO vehicles_vin_lookup_idx;
