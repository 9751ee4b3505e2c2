-- owned by the owner of the unforced table
-- expect: view-bypasses-rls @ public.project_names, isolation-read-leak @ public.project_names
CREATE VIEW project_names AS SELECT id, tenant_id, name FROM projects;
ALTER VIEW project_names OWNER TO reporting;

-- owned by a BYPASSRLS role
-- expect: view-bypasses-rls @ public.project_ids
CREATE VIEW project_ids AS SELECT id, tenant_id FROM projects;
ALTER VIEW project_ids OWNER TO auditor;
