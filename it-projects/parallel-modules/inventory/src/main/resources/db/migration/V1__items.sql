CREATE TABLE tenants (id uuid PRIMARY KEY, name text NOT NULL);

-- the same role name as the billing module: roles are cluster-wide, so this works only because each
-- module gets a server of its own
CREATE ROLE module_app LOGIN;
GRANT USAGE ON SCHEMA public TO module_app;

CREATE TABLE items (
    id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    sku       text NOT NULL,
    UNIQUE (tenant_id, id),
    UNIQUE (tenant_id, sku)
);
ALTER TABLE items ENABLE ROW LEVEL SECURITY;
ALTER TABLE items FORCE ROW LEVEL SECURITY;
CREATE POLICY items_tenant_isolation ON items
    USING (tenant_id = current_setting('app.tenant_id')::uuid)
    WITH CHECK (tenant_id = current_setting('app.tenant_id')::uuid);
GRANT SELECT, INSERT ON items TO module_app;
