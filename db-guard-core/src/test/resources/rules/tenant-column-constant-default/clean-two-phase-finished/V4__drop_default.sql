-- contract: once the code writes tenant_id, the default goes
ALTER TABLE projects ALTER COLUMN tenant_id DROP DEFAULT;
