DROP INDEX projects_tenant_id_idx;
