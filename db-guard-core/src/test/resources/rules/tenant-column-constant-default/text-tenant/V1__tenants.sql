CREATE TABLE tenants (slug varchar(40) PRIMARY KEY, name text NOT NULL);
