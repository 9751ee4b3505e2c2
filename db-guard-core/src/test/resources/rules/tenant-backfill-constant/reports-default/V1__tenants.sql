CREATE TABLE tenants (id uuid PRIMARY KEY, code text UNIQUE);

-- not a tenant table yet: fleets gets its tenant column below
CREATE TABLE fleets (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name text,
    customer_code text
);
