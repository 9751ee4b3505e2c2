-- tenant_id is in the key, but matched against vehicles.id, and vehicle_id against vehicles.tenant_id
-- expect: probe-skipped
CREATE TABLE invoices (
    id uuid PRIMARY KEY,
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    vehicle_id uuid NOT NULL,
    amount numeric NOT NULL
);
CREATE INDEX invoices_tenant_id_idx ON invoices (tenant_id);
ALTER TABLE invoices ENABLE ROW LEVEL SECURITY;
ALTER TABLE invoices FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON invoices
    USING (tenant_id = current_setting('app.tenant_id')::uuid);
-- expect: cross-tenant-reference
ALTER TABLE invoices ADD CONSTRAINT invoices_vehicle_fk
    FOREIGN KEY (vehicle_id, tenant_id) REFERENCES vehicles (tenant_id, id);
