CREATE TABLE vehicles (
    id uuid PRIMARY KEY,
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    model_id uuid NOT NULL REFERENCES vehicle_models (id),
    country_code text NOT NULL REFERENCES countries (code)
);
CREATE INDEX vehicles_tenant_id_idx ON vehicles (tenant_id);
ALTER TABLE vehicles ENABLE ROW LEVEL SECURITY;
ALTER TABLE vehicles FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON vehicles
    USING (tenant_id = current_setting('app.tenant_id')::uuid);
