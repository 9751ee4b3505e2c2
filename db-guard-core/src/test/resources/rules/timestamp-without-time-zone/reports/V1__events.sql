-- expect: timestamp-without-time-zone
CREATE TABLE vehicle_events (
    id          bigint PRIMARY KEY,
    happened_at timestamp NOT NULL,
    recorded_at timestamptz NOT NULL DEFAULT now()
);

-- a partitioned table is judged once, on its parent
-- expect: timestamp-without-time-zone
CREATE TABLE readings (
    id       bigint NOT NULL,
    taken_at timestamp(3) without time zone NOT NULL
) PARTITION BY RANGE (taken_at);
CREATE TABLE readings_2025 PARTITION OF readings FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
