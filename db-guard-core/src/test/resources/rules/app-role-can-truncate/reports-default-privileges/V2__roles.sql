CREATE ROLE app_user NOLOGIN;
-- tables created later by postgres get ALL (TRUNCATE included) for the application role
-- expect: app-role-can-truncate
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT ALL ON TABLES TO app_user;
