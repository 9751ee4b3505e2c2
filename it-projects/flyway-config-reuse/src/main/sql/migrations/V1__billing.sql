-- Unqualified names land in Flyway's default schema, the first of <schemas> (billing).
CREATE TABLE tenants (
    id   uuid PRIMARY KEY,
    name text NOT NULL
);

CREATE ROLE #{appRole} LOGIN;
GRANT USAGE ON SCHEMA billing TO #{appRole};

CREATE TABLE invoices (
    id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    total     numeric(12, 2) NOT NULL
);

CREATE INDEX invoices_tenant_id_idx ON invoices (tenant_id);
GRANT SELECT, INSERT, UPDATE, DELETE ON invoices TO #{appRole};
