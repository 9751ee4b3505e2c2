CREATE TABLE garages (
    id     bigint PRIMARY KEY,
    region text NOT NULL,
    UNIQUE (region, id)
);

-- no index at all
-- expect: foreign-key-unindexed
CREATE TABLE vehicles (
    id        bigint PRIMARY KEY,
    garage_id bigint NOT NULL REFERENCES garages (id),
    plate     text NOT NULL
);

-- a partial index does not serve the lookups of a DELETE on garages
-- expect: foreign-key-unindexed
CREATE TABLE inspections (
    id        bigint PRIMARY KEY,
    garage_id bigint REFERENCES garages (id)
);
CREATE INDEX inspections_garage_id_idx ON inspections (garage_id) WHERE garage_id IS NOT NULL;

-- the composite key's columns are in the index, but not as its leading columns
CREATE TABLE bays (
    id        bigint PRIMARY KEY,
    region    text NOT NULL,
    garage_id bigint NOT NULL,
    number    integer NOT NULL
);
CREATE INDEX bays_number_garage_region_idx ON bays (number, garage_id, region);
CREATE INDEX bays_garage_id_idx ON bays (garage_id);
-- expect: foreign-key-unindexed
ALTER TABLE bays ADD CONSTRAINT bays_garage_fkey FOREIGN KEY (region, garage_id) REFERENCES garages (region, id);

-- a partitioned table is judged once, on its parent
-- expect: foreign-key-unindexed
CREATE TABLE readings (
    vehicle_id bigint NOT NULL REFERENCES vehicles (id),
    taken_at   timestamptz NOT NULL
) PARTITION BY RANGE (taken_at);
CREATE TABLE readings_2025 PARTITION OF readings FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
