-- weak locks do not count: COMMENT takes SHARE UPDATE EXCLUSIVE
COMMENT ON COLUMN vehicles.color IS 'paint colour as the customer names it';
-- a policy change takes ACCESS EXCLUSIVE, though no column changes
-- expect: lock-timeout-missing
ALTER POLICY tenant_isolation ON vehicles USING (tenant_id = current_setting('app.tenant_id')::uuid);
