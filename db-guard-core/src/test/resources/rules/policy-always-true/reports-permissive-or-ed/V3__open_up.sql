-- the finding points at the last statement that changed the policy
-- expect: policy-always-true, lock-timeout-missing
ALTER POLICY everyone ON projects USING (true);
