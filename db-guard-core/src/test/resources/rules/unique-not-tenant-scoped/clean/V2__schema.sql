CREATE TABLE users (
    id uuid PRIMARY KEY,
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    email text NOT NULL,
    handle text NOT NULL,
    phone text,
    deleted_at timestamptz,
    UNIQUE (tenant_id, email),
    -- the tenant column need not come first to scope the constraint
    UNIQUE (handle, tenant_id)
);
ALTER TABLE users ENABLE ROW LEVEL SECURITY;
ALTER TABLE users FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON users
    USING (tenant_id = current_setting('app.tenant_id')::uuid);
CREATE UNIQUE INDEX users_phone_live_key ON users (tenant_id, phone) WHERE deleted_at IS NULL;
CREATE UNIQUE INDEX users_lower_email_key ON users (tenant_id, lower(email));

-- a tenant column recognised by its foreign key to tenants
CREATE TABLE teams (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    org uuid NOT NULL REFERENCES tenants (id),
    slug text NOT NULL,
    UNIQUE (org, slug)
);
ALTER TABLE teams ENABLE ROW LEVEL SECURITY;
ALTER TABLE teams FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON teams
    USING (org = current_setting('app.tenant_id')::uuid);

-- unique values on global tables are fine
CREATE TABLE countries (code text PRIMARY KEY, name text NOT NULL UNIQUE);
