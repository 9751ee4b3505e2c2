-- expect: lock-timeout-missing
ALTER TABLE projects DROP CONSTRAINT projects_tenant_id_fkey;
