DROP POLICY tenant_isolation ON projects;
