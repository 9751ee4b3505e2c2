-- a category of tenant A can name a parent category of tenant B
-- expect: cross-tenant-reference
CREATE TABLE categories (
    id uuid PRIMARY KEY,
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    parent_id uuid REFERENCES categories (id),
    name text NOT NULL
);
CREATE INDEX categories_tenant_id_idx ON categories (tenant_id);
ALTER TABLE categories ENABLE ROW LEVEL SECURITY;
ALTER TABLE categories FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON categories
    USING (tenant_id = current_setting('app.tenant_id')::uuid);
