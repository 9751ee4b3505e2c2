CREATE TABLE projects (
    id uuid PRIMARY KEY,
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    name text NOT NULL,
    UNIQUE (tenant_id, id)
);
CREATE INDEX projects_tenant_id_idx ON projects (tenant_id);
ALTER TABLE projects ENABLE ROW LEVEL SECURITY;
ALTER TABLE projects FORCE ROW LEVEL SECURITY;

CREATE TABLE documents (
    id uuid PRIMARY KEY,
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    project_id uuid NOT NULL,
    name text NOT NULL,
    FOREIGN KEY (tenant_id, project_id) REFERENCES projects (tenant_id, id)
);
CREATE INDEX documents_tenant_id_idx ON documents (tenant_id);
CREATE INDEX documents_project_id_idx ON documents (project_id, tenant_id);
ALTER TABLE documents ENABLE ROW LEVEL SECURITY;
ALTER TABLE documents FORCE ROW LEVEL SECURITY;

CREATE TABLE labels (
    id uuid PRIMARY KEY,
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    name text NOT NULL
);
CREATE INDEX labels_tenant_id_idx ON labels (tenant_id);
ALTER TABLE labels ENABLE ROW LEVEL SECURITY;
ALTER TABLE labels FORCE ROW LEVEL SECURITY;

-- a policy that compares the tenant column with a subquery is not judged from its text (the subquery's tables
-- may have policies of their own): the isolation probe, reading as the application, shows what leaks.
-- This one returns every tenant: every row passes
-- expect: isolation-read-leak, isolation-write-leak
CREATE POLICY any_known_tenant ON projects
    USING (tenant_id IN (SELECT id FROM tenants));

-- compares the row's tenant with its own parent's: true for every consistent row, whoever asks
-- expect: isolation-read-leak, isolation-write-leak
CREATE POLICY same_tenant_as_project ON documents
    USING (tenant_id = (SELECT p.tenant_id FROM projects p WHERE p.id = documents.project_id));

-- true for every row whose tenant exists
-- expect: isolation-read-leak, isolation-write-leak
CREATE POLICY tenant_exists ON labels
    USING (EXISTS (SELECT 1 FROM tenants t WHERE t.id = labels.tenant_id));

-- the application reads the tenants too, as applications do
CREATE ROLE app_user NOLOGIN;
GRANT SELECT ON tenants TO app_user;
GRANT SELECT, INSERT, UPDATE, DELETE ON projects, documents, labels TO app_user;
