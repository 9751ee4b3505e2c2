CREATE TABLE vehicle_events (
    id          bigint PRIMARY KEY,
    happened_at timestamptz NOT NULL,
    recorded_at timestamptz(3),
    service_day date,
    opens_at    time
);
