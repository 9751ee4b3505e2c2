-- contract: once the code writes tenant_id, the default goes
-- (the contract half leaves no constant default behind: tenant-column-constant-default is quiet)
-- expect: lock-timeout-missing
ALTER TABLE projects ALTER COLUMN tenant_id DROP DEFAULT;
