CREATE TABLE vehicles (
    id uuid NOT NULL,
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    plate text NOT NULL,
    PRIMARY KEY (tenant_id, id)
) PARTITION BY LIST (tenant_id);
CREATE TABLE vehicles_default PARTITION OF vehicles DEFAULT;
ALTER TABLE vehicles ENABLE ROW LEVEL SECURITY;
ALTER TABLE vehicles FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON vehicles
    USING (tenant_id = current_setting('app.tenant_id')::uuid);
ALTER TABLE vehicles_default ENABLE ROW LEVEL SECURITY;
ALTER TABLE vehicles_default FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON vehicles_default
    USING (tenant_id = current_setting('app.tenant_id')::uuid);
