-- expect: tenant-column-constant-default, lock-timeout-missing
ALTER TABLE projects ALTER COLUMN tenant_id SET DEFAULT '7c9e6679-7425-40de-944b-e07fc1f90ae7';
