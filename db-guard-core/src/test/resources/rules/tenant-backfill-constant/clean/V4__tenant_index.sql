SET lock_timeout = '5s';
CREATE INDEX CONCURRENTLY fleets_tenant_id_idx ON fleets (tenant_id);
