CREATE TABLE projects (
    id uuid PRIMARY KEY,
    account_id uuid NOT NULL REFERENCES accounts (id),
    name text NOT NULL,
    UNIQUE (account_id, id)
);
ALTER TABLE projects ENABLE ROW LEVEL SECURITY;
ALTER TABLE projects FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON projects
    USING (account_id = current_setting('app.tenant_id')::uuid);

-- tasks reach the tenant through projects.account_id
-- expect: tenant-column-missing
CREATE TABLE tasks (
    id uuid PRIMARY KEY,
    project_id uuid NOT NULL REFERENCES projects (id),
    title text NOT NULL
);
ALTER TABLE tasks ENABLE ROW LEVEL SECURITY;
ALTER TABLE tasks FORCE ROW LEVEL SECURITY;
CREATE POLICY project_visible ON tasks
    USING (EXISTS (SELECT 1 FROM projects p WHERE p.id = project_id));
