CREATE ROLE app_user NOLOGIN;
GRANT SELECT, INSERT, UPDATE, DELETE ON projects TO app_user;
-- the finding points at the last statement that made the role what it is
-- expect: app-role-bypasses-rls
ALTER ROLE app_user SUPERUSER;
