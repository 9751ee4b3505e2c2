-- Garages that service a fleet's vehicles.
CREATE TABLE garages (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id  uuid NOT NULL REFERENCES tenants (id),
    name       text NOT NULL,
    city       text,
    -- the target of composite foreign keys; starts with tenant_id, so it also serves the policy
    UNIQUE (tenant_id, id)
);

ALTER TABLE garages ENABLE ROW LEVEL SECURITY;
ALTER TABLE garages FORCE ROW LEVEL SECURITY;

CREATE POLICY garages_tenant_isolation ON garages
    USING (tenant_id = current_setting('app.tenant_id')::uuid)
    WITH CHECK (tenant_id = current_setting('app.tenant_id')::uuid);
