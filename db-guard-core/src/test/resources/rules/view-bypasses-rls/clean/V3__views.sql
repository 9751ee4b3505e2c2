-- the caller's own policies apply
CREATE VIEW project_names WITH (security_invoker = true) AS SELECT id, tenant_id, name FROM projects;

-- owned by a role subject to row level security (no BYPASSRLS, owns no tenant table)
CREATE ROLE reporting NOLOGIN;
GRANT SELECT ON projects TO reporting;
CREATE VIEW project_ids AS SELECT id, tenant_id FROM projects;
ALTER VIEW project_ids OWNER TO reporting;

-- a view over a global table only
CREATE VIEW tenant_ids AS SELECT id FROM tenants;

-- owned by a role that is a member of a BYPASSRLS role: role attributes are never inherited, so the
-- view's queries (run as its owner, without SET ROLE) are still subject to row level security
CREATE ROLE auditor NOLOGIN BYPASSRLS;
CREATE ROLE dashboards NOLOGIN;
GRANT auditor TO dashboards;
GRANT SELECT ON projects TO dashboards;
CREATE VIEW project_names_for_dashboards AS SELECT id, tenant_id, name FROM projects;
ALTER VIEW project_names_for_dashboards OWNER TO dashboards;
