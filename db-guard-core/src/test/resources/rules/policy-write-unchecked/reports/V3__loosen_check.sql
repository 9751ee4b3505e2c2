-- expect: policy-write-unchecked, lock-timeout-missing, isolation-write-leak
ALTER POLICY tenant_isolation ON labels
    WITH CHECK (current_setting('app.tenant_id', true) IS NOT NULL);
