-- owned by postgres, a superuser: the view reads every tenant's rows whoever queries it
-- expect: view-bypasses-rls @ public.project_names, isolation-read-leak @ public.project_names
CREATE VIEW project_names AS SELECT id, tenant_id, name FROM projects;

-- through a security_invoker view, which reads with the outer view owner's rights
CREATE VIEW project_list WITH (security_invoker = true) AS SELECT id, tenant_id, name FROM projects;
-- expect: view-bypasses-rls @ public.project_count
CREATE VIEW project_count AS SELECT tenant_id, count(*) AS n FROM project_list GROUP BY tenant_id;

-- a materialized view stores every row its owner could read
-- expect: view-bypasses-rls @ public.project_snapshot
CREATE MATERIALIZED VIEW project_snapshot AS SELECT id, tenant_id, name FROM projects;
