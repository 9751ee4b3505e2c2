-- Vehicles, isolated by RLS from the start.
CREATE TABLE vehicles (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id    uuid NOT NULL REFERENCES tenants (id),
    garage_id    bigint,
    vin          text NOT NULL,
    label        text,
    nickname     text,
    display_name text,
    UNIQUE (tenant_id, id),
    UNIQUE (tenant_id, vin),
    FOREIGN KEY (tenant_id, garage_id) REFERENCES garages (tenant_id, id)
);

CREATE INDEX vehicles_tenant_id_garage_id_idx ON vehicles (tenant_id, garage_id);

ALTER TABLE vehicles ENABLE ROW LEVEL SECURITY;
ALTER TABLE vehicles FORCE ROW LEVEL SECURITY;

CREATE POLICY vehicles_tenant_isolation ON vehicles
    USING (tenant_id = current_setting('app.tenant_id')::uuid)
    WITH CHECK (tenant_id = current_setting('app.tenant_id')::uuid);
