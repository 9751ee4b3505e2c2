--liquibase formatted sql

--changeset motomind:1-tenants
-- Motomind: one tenant per fleet operator.
CREATE TABLE tenants (
    id         uuid PRIMARY KEY,
    name       text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);

-- The application connects as motomind_app; migrations run as the owner.
CREATE ROLE motomind_app LOGIN;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO motomind_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE ON SEQUENCES TO motomind_app;
GRANT USAGE ON SCHEMA public TO motomind_app;

--changeset motomind:2-garages
-- Garages that service a fleet's vehicles.
CREATE TABLE garages (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id  uuid REFERENCES tenants (id),
    name       text NOT NULL,
    city       text
);

CREATE INDEX garages_tenant_id_idx ON garages (tenant_id);

--changeset motomind:3-vehicles
-- Vehicles, isolated by RLS from the start.
CREATE TABLE vehicles (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id    uuid NOT NULL REFERENCES tenants (id),
    garage_id    bigint REFERENCES garages (id),
    vin          text NOT NULL UNIQUE,
    label        text,
    nickname     text,
    display_name text
);

CREATE INDEX vehicles_tenant_id_idx ON vehicles (tenant_id);

ALTER TABLE vehicles ENABLE ROW LEVEL SECURITY;
ALTER TABLE vehicles FORCE ROW LEVEL SECURITY;

CREATE POLICY vehicles_tenant_isolation ON vehicles
    USING (tenant_id = current_setting('app.tenant_id')::uuid);

--changeset motomind:4-vehicle-events-and-reminders
-- Service history and reminders hang off the vehicle; they carry no tenant of their own.
CREATE TABLE vehicle_events (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    vehicle_id  bigint NOT NULL REFERENCES vehicles (id),
    kind        text NOT NULL,
    odometer_km integer,
    happened_at timestamptz NOT NULL
);

CREATE INDEX vehicle_events_vehicle_id_idx ON vehicle_events (vehicle_id);

CREATE TABLE reminders (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    vehicle_id bigint NOT NULL REFERENCES vehicles (id),
    due_at     timestamptz NOT NULL,
    note       text
);

CREATE INDEX reminders_vehicle_id_idx ON reminders (vehicle_id);

--changeset motomind:5-vehicle-images
-- Photos of vehicles, stored by key in object storage.
CREATE TABLE vehicle_images (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id   uuid NOT NULL REFERENCES tenants (id),
    vehicle_id  bigint NOT NULL REFERENCES vehicles (id),
    storage_key text NOT NULL,
    taken_at    timestamptz
);

CREATE INDEX vehicle_images_vehicle_id_idx ON vehicle_images (vehicle_id);

ALTER TABLE vehicle_images ENABLE ROW LEVEL SECURITY;

CREATE POLICY vehicle_images_tenant_isolation ON vehicle_images
    USING (tenant_id = current_setting('app.tenant_id')::uuid)
    WITH CHECK (tenant_id = current_setting('app.tenant_id')::uuid);
