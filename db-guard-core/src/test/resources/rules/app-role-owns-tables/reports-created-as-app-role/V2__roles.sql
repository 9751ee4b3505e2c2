CREATE ROLE app_user NOLOGIN;
GRANT CREATE ON SCHEMA public TO app_user;
GRANT REFERENCES ON tenants TO app_user;
