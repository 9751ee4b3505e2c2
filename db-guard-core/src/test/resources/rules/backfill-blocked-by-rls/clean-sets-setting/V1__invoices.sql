CREATE TABLE tenants (id uuid PRIMARY KEY);
CREATE TABLE invoices (
    id uuid PRIMARY KEY,
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    total numeric NOT NULL
);
CREATE INDEX invoices_tenant ON invoices (tenant_id);
ALTER TABLE invoices ENABLE ROW LEVEL SECURITY;
-- FORCE: the policy applies to the table's owner, the migration role, too
ALTER TABLE invoices FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON invoices
    USING (tenant_id = current_setting('app.tenant_id', true)::uuid)
    WITH CHECK (tenant_id = current_setting('app.tenant_id', true)::uuid);
