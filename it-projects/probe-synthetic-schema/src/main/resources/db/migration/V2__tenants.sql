CREATE DOMAIN region_code AS text CHECK (VALUE IN ('eu-west', 'us-east', 'ap-south'));
CREATE TYPE postal_address AS (street text, city text, country char(2));
CREATE TABLE tenants (
    id uuid PRIMARY KEY,
    number bigint GENERATED ALWAYS AS IDENTITY,
    plan_id integer NOT NULL REFERENCES plans (id),
    owner_id uuid NOT NULL REFERENCES platform.users (id),
    name text NOT NULL,
    slug text GENERATED ALWAYS AS (lower(replace(name, ' ', '-'))) STORED,
    region region_code NOT NULL,
    address postal_address NOT NULL,
    settings jsonb NOT NULL,
    labels text[] NOT NULL,
    tier plan_tier NOT NULL,
    CHECK (jsonb_typeof(settings) = 'object')
);
CREATE INDEX tenants_plan_id_idx ON tenants (plan_id);
CREATE INDEX tenants_owner_id_idx ON tenants (owner_id);
