-- expect: app-role-bypasses-rls
CREATE ROLE app_user NOLOGIN BYPASSRLS;
GRANT SELECT, INSERT, UPDATE, DELETE ON projects TO app_user;
