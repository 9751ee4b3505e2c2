-- a serial number format no generator guesses: the fixture file supplies the rows
CREATE TABLE serials (
    id uuid PRIMARY KEY,
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    code text NOT NULL CHECK (code ~ '^SN-[0-9]{4}-[A-Z]{2}$')
);
CREATE INDEX serials_tenant_id_idx ON serials (tenant_id);
ALTER TABLE serials ENABLE ROW LEVEL SECURITY;
ALTER TABLE serials FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON serials
    USING (tenant_id = current_setting('app.tenant_id')::uuid);
