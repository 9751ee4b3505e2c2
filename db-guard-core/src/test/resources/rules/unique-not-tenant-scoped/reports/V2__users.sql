-- expect: unique-not-tenant-scoped
CREATE TABLE users (
    id uuid PRIMARY KEY,
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    email text NOT NULL UNIQUE,
    handle text NOT NULL,
    phone text,
    deleted_at timestamptz
);
CREATE INDEX users_tenant_id_idx ON users (tenant_id);
ALTER TABLE users ENABLE ROW LEVEL SECURITY;
ALTER TABLE users FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON users
    USING (tenant_id = current_setting('app.tenant_id')::uuid);

-- a unique index without the tenant column, partial or not
-- expect: unique-not-tenant-scoped
CREATE UNIQUE INDEX users_phone_live_key ON users (phone) WHERE deleted_at IS NULL;
-- expect: unique-not-tenant-scoped
CREATE UNIQUE INDEX users_lower_handle_key ON users (lower(handle));

-- added by ALTER TABLE: the finding points there
-- expect: unique-not-tenant-scoped
ALTER TABLE users ADD CONSTRAINT users_handle_key UNIQUE (handle);
