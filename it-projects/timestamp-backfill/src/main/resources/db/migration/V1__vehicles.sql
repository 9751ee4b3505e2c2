-- In production since the first release: these tables hold years of rows.
CREATE TABLE vehicles (
    id  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    vin text NOT NULL
);

CREATE TABLE vehicle_events (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    vehicle_id  bigint NOT NULL REFERENCES vehicles (id),
    kind        text NOT NULL,
    -- when the event happened, as the workshop entered it; NULL for events imported from the old system
    happened_at timestamptz
);

CREATE INDEX vehicle_events_vehicle_id_idx ON vehicle_events (vehicle_id);
