-- in a migration that runs in one transaction, SET LOCAL lasts until it commits
SET LOCAL lock_timeout = '5s';
ALTER POLICY tenant_isolation ON vehicles USING (tenant_id = current_setting('app.tenant_id')::uuid);
