-- Vehicles, isolated by RLS from the start.
CREATE TABLE vehicles (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id    uuid NOT NULL REFERENCES tenants (id),
    garage_id    bigint REFERENCES garages (id),
    vin          text NOT NULL UNIQUE,
    label        text,
    nickname     text,
    display_name text
);

CREATE INDEX vehicles_tenant_id_idx ON vehicles (tenant_id);

ALTER TABLE vehicles ENABLE ROW LEVEL SECURITY;
ALTER TABLE vehicles FORCE ROW LEVEL SECURITY;

CREATE POLICY vehicles_tenant_isolation ON vehicles
    USING (tenant_id = current_setting('app.tenant_id')::uuid);
