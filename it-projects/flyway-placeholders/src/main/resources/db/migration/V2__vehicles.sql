-- Table name and tenant setting come from Flyway placeholders.
CREATE TABLE ${prefix}vehicles (
    id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    vin       text NOT NULL,
    UNIQUE (tenant_id, vin)
);

ALTER TABLE ${prefix}vehicles ENABLE ROW LEVEL SECURITY;
ALTER TABLE ${prefix}vehicles FORCE ROW LEVEL SECURITY;

CREATE POLICY ${prefix}vehicles_tenant_isolation ON ${prefix}vehicles
    USING (tenant_id = current_setting('${tenantSetting}')::uuid)
    WITH CHECK (tenant_id = current_setting('${tenantSetting}')::uuid);
