CREATE TYPE project_state AS ENUM ('active', 'archived');
CREATE TABLE projects (
    id uuid PRIMARY KEY,
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    created_by uuid NOT NULL REFERENCES platform.users (id),
    name text NOT NULL,
    state project_state NOT NULL,
    budget numeric(12, 2) NOT NULL CHECK (budget >= 0),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (tenant_id, name)
);
CREATE INDEX projects_created_by_idx ON projects (created_by);
ALTER TABLE projects ENABLE ROW LEVEL SECURITY;
ALTER TABLE projects FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON projects
    USING (tenant_id = current_setting('app.tenant_id')::uuid);

-- rows are only written inside a tenant's session: the trigger refuses any other
CREATE FUNCTION projects_in_session_tenant() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.tenant_id IS DISTINCT FROM current_setting('app.tenant_id', true)::uuid THEN
        RAISE EXCEPTION 'project % is not of the session''s tenant', NEW.id;
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER projects_tenant_guard BEFORE INSERT OR UPDATE ON projects
    FOR EACH ROW EXECUTE FUNCTION projects_in_session_tenant();
