CREATE TABLE garages (
    id     bigint PRIMARY KEY,
    region text NOT NULL,
    UNIQUE (region, id)
);

CREATE TABLE vehicles (
    id        bigint PRIMARY KEY,
    garage_id bigint NOT NULL REFERENCES garages (id),
    region    text NOT NULL,
    plate     text NOT NULL
);
CREATE INDEX vehicles_garage_id_idx ON vehicles (garage_id);

-- a composite foreign key covered by an index with its columns in another order, and more after them
CREATE TABLE bays (
    id        bigint PRIMARY KEY,
    region    text NOT NULL,
    garage_id bigint NOT NULL,
    number    integer NOT NULL,
    FOREIGN KEY (region, garage_id) REFERENCES garages (region, id)
);
CREATE INDEX bays_garage_region_number_idx ON bays (garage_id, region, number);

-- covered by the primary key and by a unique constraint
CREATE TABLE vehicle_drivers (
    vehicle_id bigint NOT NULL REFERENCES vehicles (id),
    garage_id  bigint NOT NULL REFERENCES garages (id),
    driver     text NOT NULL,
    PRIMARY KEY (vehicle_id, driver),
    UNIQUE (garage_id, driver)
);

-- a partitioned table indexed on its parent: every partition gets the index
CREATE TABLE readings (
    vehicle_id bigint NOT NULL REFERENCES vehicles (id),
    taken_at   timestamptz NOT NULL
) PARTITION BY RANGE (taken_at);
CREATE TABLE readings_2025 PARTITION OF readings FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
CREATE INDEX readings_vehicle_id_idx ON readings (vehicle_id);
