-- BYPASSRLS is not inherited, but the member can SET ROLE admin and skip every policy
CREATE ROLE admin NOLOGIN BYPASSRLS;
CREATE ROLE app_user NOLOGIN;
GRANT SELECT, INSERT, UPDATE, DELETE ON projects TO app_user;
-- expect: app-role-bypasses-rls
GRANT admin TO app_user;
