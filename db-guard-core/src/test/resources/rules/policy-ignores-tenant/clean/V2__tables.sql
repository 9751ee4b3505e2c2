-- who may act for which tenant: global by configuration
CREATE TABLE memberships (
    user_name text NOT NULL,
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    PRIMARY KEY (user_name, tenant_id)
);
CREATE INDEX memberships_tenant_id_idx ON memberships (tenant_id);

CREATE TABLE projects (
    id uuid PRIMARY KEY,
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    name text NOT NULL,
    owner_name text
);
CREATE INDEX projects_tenant_id_idx ON projects (tenant_id);
ALTER TABLE projects ENABLE ROW LEVEL SECURITY;
ALTER TABLE projects FORCE ROW LEVEL SECURITY;
CREATE TABLE documents (
    id uuid PRIMARY KEY,
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    name text NOT NULL,
    owner_name text
);
CREATE INDEX documents_tenant_id_idx ON documents (tenant_id);
ALTER TABLE documents ENABLE ROW LEVEL SECURITY;
ALTER TABLE documents FORCE ROW LEVEL SECURITY;
CREATE TABLE labels (
    id uuid PRIMARY KEY,
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    name text NOT NULL,
    owner_name text
);
CREATE INDEX labels_tenant_id_idx ON labels (tenant_id);
ALTER TABLE labels ENABLE ROW LEVEL SECURITY;
ALTER TABLE labels FORCE ROW LEVEL SECURITY;
CREATE TABLE notes (
    id uuid PRIMARY KEY,
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    name text NOT NULL,
    owner_name text
);
CREATE INDEX notes_tenant_id_idx ON notes (tenant_id);
ALTER TABLE notes ENABLE ROW LEVEL SECURITY;
ALTER TABLE notes FORCE ROW LEVEL SECURITY;
CREATE TABLE comments (
    id uuid PRIMARY KEY,
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    name text NOT NULL,
    owner_name text
);
CREATE INDEX comments_tenant_id_idx ON comments (tenant_id);
ALTER TABLE comments ENABLE ROW LEVEL SECURITY;
ALTER TABLE comments FORCE ROW LEVEL SECURITY;

-- pinned through a membership subquery that depends on the session
CREATE POLICY member_tenants ON projects
    USING (tenant_id IN (SELECT tenant_id FROM memberships WHERE user_name = current_user));

-- a permissive policy ignoring the tenant, under a restrictive policy that pins it
CREATE POLICY tenant_or_bypass ON documents
    USING (tenant_id = current_setting('app.tenant_id')::uuid
           OR current_setting('app.bypass_rls', true) = 'on');
CREATE POLICY tenant_pin ON documents AS RESTRICTIVE
    USING (tenant_id = current_setting('app.tenant_id')::uuid);

-- equivalent spellings of the pin: reversed, cast to text, a scalar subquery, extra AND-ed conditions
CREATE POLICY reversed ON labels
    USING (current_setting('app.tenant_id')::uuid = tenant_id);
CREATE POLICY as_text ON labels FOR SELECT
    USING (tenant_id::text = current_setting('app.tenant_id'));
CREATE POLICY scalar_subquery ON notes
    USING (tenant_id = (SELECT current_setting('app.tenant_id')::uuid));
CREATE POLICY with_more ON notes FOR SELECT
    USING (tenant_id = current_setting('app.tenant_id')::uuid AND name <> '' AND owner_name IS NOT NULL);

-- an INSERT policy without WITH CHECK admits nothing, so it lets no foreign row in
CREATE POLICY tenant_isolation ON comments
    USING (tenant_id = current_setting('app.tenant_id')::uuid);
CREATE POLICY insert_nothing ON comments FOR INSERT;
