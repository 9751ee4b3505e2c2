-- the child's tenant column is org (it references tenants); it is paired with vehicles.tenant_id
CREATE TABLE invoices (
    id uuid PRIMARY KEY,
    org uuid NOT NULL REFERENCES tenants (id),
    vehicle_id uuid NOT NULL,
    amount numeric NOT NULL,
    FOREIGN KEY (org, vehicle_id) REFERENCES vehicles (tenant_id, id)
);
CREATE INDEX invoices_org_idx ON invoices (org);
ALTER TABLE invoices ENABLE ROW LEVEL SECURITY;
ALTER TABLE invoices FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON invoices
    USING (org = current_setting('app.tenant_id')::uuid);
