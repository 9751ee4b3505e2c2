-- Garages that service a fleet's vehicles.
CREATE TABLE garages (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id  uuid REFERENCES tenants (id),
    name       text NOT NULL,
    city       text
);

CREATE INDEX garages_tenant_id_idx ON garages (tenant_id);
