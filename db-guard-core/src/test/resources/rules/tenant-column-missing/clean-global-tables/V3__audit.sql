-- declared global (wildcard and schema-qualified name): never reported although they point at vehicles
CREATE TABLE audit_vehicle_changes (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    vehicle_id uuid NOT NULL REFERENCES vehicles (id),
    changed_at timestamptz NOT NULL
);
CREATE TABLE audit_logins (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    change_id bigint NOT NULL REFERENCES audit_vehicle_changes (id)
);
CREATE TABLE export_log (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    vehicle_id uuid NOT NULL REFERENCES vehicles (id)
);
