-- the tenants table is global: it is not judged by the tenant table rules
CREATE TABLE tenants (id uuid PRIMARY KEY, name text NOT NULL);
