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
