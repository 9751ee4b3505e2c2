CREATE TABLE vehicles (
    id uuid PRIMARY KEY,
    tenant_id uuid REFERENCES tenants (id),
    plate text NOT NULL,
    legacy_code text
);
ALTER TABLE vehicles ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON vehicles
    USING (tenant_id = current_setting('app.tenant_id')::uuid);
