-- the finding points at the last statement that changed the policy
-- expect: policy-always-true
ALTER POLICY everyone ON projects USING (true);
