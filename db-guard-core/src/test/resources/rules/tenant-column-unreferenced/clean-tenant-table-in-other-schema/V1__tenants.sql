CREATE SCHEMA core;
CREATE TABLE core.tenants (id uuid PRIMARY KEY, name text NOT NULL);
