-- a single-column primary key that is a natural key, not a surrogate: tenant B cannot register an
-- email that tenant A holds
-- expect: unique-not-tenant-scoped
CREATE TABLE subscribers (
    email text PRIMARY KEY,
    tenant_id uuid NOT NULL REFERENCES tenants (id)
);
CREATE INDEX subscribers_tenant_id_idx ON subscribers (tenant_id);
ALTER TABLE subscribers ENABLE ROW LEVEL SECURITY;
ALTER TABLE subscribers FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON subscribers
    USING (tenant_id = current_setting('app.tenant_id')::uuid);
