CREATE TABLE tenants (id uuid PRIMARY KEY);

CREATE TABLE vehicles (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    vin text,
    model text,
    color text
);
CREATE INDEX vehicles_tenant_id_idx ON vehicles (tenant_id);
ALTER TABLE vehicles ENABLE ROW LEVEL SECURITY;
ALTER TABLE vehicles FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON vehicles USING (tenant_id = current_setting('app.tenant_id')::uuid);
