-- PostgreSQL 16+: a membership that neither inherits nor allows SET ROLE gives the member nothing of
-- admin's (role attributes such as BYPASSRLS are never inherited anyway), so app_user cannot bypass RLS
CREATE ROLE admin NOLOGIN BYPASSRLS;
CREATE ROLE app_user NOLOGIN;
GRANT SELECT, INSERT, UPDATE, DELETE ON projects TO app_user;
GRANT admin TO app_user WITH INHERIT FALSE, SET FALSE;
