CREATE TABLE tenants (id uuid PRIMARY KEY, slug text UNIQUE);
