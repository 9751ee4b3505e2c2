CREATE TABLE tenants (id uuid PRIMARY KEY);
CREATE TABLE invoices (
    id uuid PRIMARY KEY,
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    total numeric NOT NULL
);
CREATE INDEX invoices_tenant ON invoices (tenant_id);
ALTER TABLE invoices ENABLE ROW LEVEL SECURITY;
ALTER TABLE invoices FORCE ROW LEVEL SECURITY;
-- maintenance: a migration that sets app.maintenance sees every tenant's rows
CREATE POLICY tenant_isolation ON invoices
    USING (current_setting('app.maintenance', true) = 'on'
           OR tenant_id = current_setting('app.tenant_id', true)::uuid)
    WITH CHECK (current_setting('app.maintenance', true) = 'on'
                OR tenant_id = current_setting('app.tenant_id', true)::uuid);
