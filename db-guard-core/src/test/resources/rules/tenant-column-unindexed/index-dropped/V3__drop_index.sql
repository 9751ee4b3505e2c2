-- expect: lock-timeout-missing
DROP INDEX projects_tenant_id_idx;
