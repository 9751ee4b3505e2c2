CREATE TABLE tenants (id uuid PRIMARY KEY, name text NOT NULL);

-- the same role name as the inventory module: roles are cluster-wide, so this works only because each
-- module gets a server of its own
CREATE ROLE module_app LOGIN;
GRANT USAGE ON SCHEMA public TO module_app;

CREATE TABLE invoices (
    id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    total     numeric(12, 2) NOT NULL,
    UNIQUE (tenant_id, id)
);
ALTER TABLE invoices ENABLE ROW LEVEL SECURITY;
ALTER TABLE invoices FORCE ROW LEVEL SECURITY;
CREATE POLICY invoices_tenant_isolation ON invoices
    USING (tenant_id = current_setting('app.tenant_id')::uuid)
    WITH CHECK (tenant_id = current_setting('app.tenant_id')::uuid);
GRANT SELECT, INSERT ON invoices TO module_app;
