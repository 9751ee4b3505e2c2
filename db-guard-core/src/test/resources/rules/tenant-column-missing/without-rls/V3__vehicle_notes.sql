-- no tenant column and no row level security either: both findings point at the CREATE TABLE
-- expect: tenant-column-missing, rls-disabled, isolation-read-leak, isolation-write-leak
CREATE TABLE vehicle_notes (
    id uuid PRIMARY KEY,
    vehicle_id uuid NOT NULL REFERENCES vehicles (id),
    body text NOT NULL
);
