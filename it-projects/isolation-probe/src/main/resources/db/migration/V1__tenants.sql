CREATE TABLE tenants (id uuid PRIMARY KEY, name text NOT NULL);
CREATE ROLE app_user NOLOGIN;
GRANT SELECT ON tenants TO app_user;
