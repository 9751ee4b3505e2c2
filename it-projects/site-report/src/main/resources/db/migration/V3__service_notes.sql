-- tenant data without its safeguards: nullable tenant column, no foreign key, no index, no row level security
CREATE TABLE service_notes (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id  uuid,
    vehicle_id bigint NOT NULL REFERENCES vehicles (id),
    body       text NOT NULL
);
GRANT SELECT, INSERT, UPDATE, DELETE ON service_notes TO garage_app;
