-- The schema as it was before the team adopted db-guard: years in production, with known gaps.
CREATE TABLE tenants (id uuid PRIMARY KEY, name text NOT NULL);

CREATE TABLE vehicles (
    id        uuid PRIMARY KEY,
    tenant_id uuid REFERENCES tenants (id),
    plate     text NOT NULL
);

CREATE TABLE service_visits (
    id         uuid PRIMARY KEY,
    vehicle_id uuid NOT NULL REFERENCES vehicles (id),
    visited_on date NOT NULL
);
