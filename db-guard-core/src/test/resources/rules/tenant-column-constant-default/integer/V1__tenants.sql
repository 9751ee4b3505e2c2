CREATE TABLE tenants (id bigint PRIMARY KEY, name text NOT NULL);
