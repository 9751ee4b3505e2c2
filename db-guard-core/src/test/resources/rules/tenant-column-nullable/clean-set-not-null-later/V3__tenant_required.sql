SET lock_timeout = '5s';
-- the two-phase change is finished: the final schema has NOT NULL
ALTER TABLE projects ADD CONSTRAINT projects_tenant_id_not_null CHECK (tenant_id IS NOT NULL) NOT VALID;
ALTER TABLE projects VALIDATE CONSTRAINT projects_tenant_id_not_null;
ALTER TABLE projects ALTER COLUMN tenant_id SET NOT NULL;
ALTER TABLE projects DROP CONSTRAINT projects_tenant_id_not_null;
