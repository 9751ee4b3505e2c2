-- vehicles is partitioned; PostgreSQL adds one hidden constraint per partition to every table that references it
CREATE TABLE vehicles (
    id uuid PRIMARY KEY,
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    plate text NOT NULL
) PARTITION BY HASH (id);
CREATE TABLE vehicles_p0 PARTITION OF vehicles FOR VALUES WITH (MODULUS 2, REMAINDER 0);
CREATE TABLE vehicles_p1 PARTITION OF vehicles FOR VALUES WITH (MODULUS 2, REMAINDER 1);
CREATE INDEX vehicles_tenant_id_idx ON vehicles (tenant_id);
ALTER TABLE vehicles ENABLE ROW LEVEL SECURITY;
ALTER TABLE vehicles FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON vehicles
    USING (tenant_id = current_setting('app.tenant_id')::uuid);
ALTER TABLE vehicles_p0 ENABLE ROW LEVEL SECURITY;
ALTER TABLE vehicles_p0 FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON vehicles_p0
    USING (tenant_id = current_setting('app.tenant_id')::uuid);
ALTER TABLE vehicles_p1 ENABLE ROW LEVEL SECURITY;
ALTER TABLE vehicles_p1 FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON vehicles_p1
    USING (tenant_id = current_setting('app.tenant_id')::uuid);
