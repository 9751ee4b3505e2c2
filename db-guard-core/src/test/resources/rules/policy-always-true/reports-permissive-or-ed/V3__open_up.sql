-- the finding points at the last statement that changed the policy
-- expect: policy-always-true, lock-timeout-missing, isolation-read-leak, isolation-write-leak
ALTER POLICY everyone ON projects USING (true);
