-- the migrations' owner (postgres) is not the application role; the table is forced
CREATE ROLE writers NOLOGIN;
GRANT SELECT, INSERT, UPDATE, DELETE ON projects TO writers;
CREATE ROLE app_user NOLOGIN;
GRANT writers TO app_user;
