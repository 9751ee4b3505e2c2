CREATE TABLE tenants (id uuid PRIMARY KEY);

CREATE TABLE drivers (
    id uuid PRIMARY KEY,
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    name varchar(20),
    UNIQUE (tenant_id, id)
);
ALTER TABLE drivers ENABLE ROW LEVEL SECURITY;
ALTER TABLE drivers FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON drivers USING (tenant_id = current_setting('app.tenant_id')::uuid);

CREATE TABLE vehicles (
    id uuid PRIMARY KEY,
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    driver_id uuid,
    plate varchar(20),
    vin varchar(20),
    model_year integer,
    mileage integer,
    price numeric(10,2),
    network cidr,
    seen_at timestamptz(3),
    UNIQUE (tenant_id, id)
);
CREATE INDEX vehicles_plate_idx ON vehicles (plate);
ALTER TABLE vehicles ENABLE ROW LEVEL SECURITY;
ALTER TABLE vehicles FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON vehicles USING (tenant_id = current_setting('app.tenant_id')::uuid);
