-- the tenants table lives outside the analysed schemas (default: public), but it exists
CREATE SCHEMA core;
CREATE TABLE core.tenants (id uuid PRIMARY KEY, name text NOT NULL);
