-- A Flyway SQL callback: Flyway runs it after every migrate. Its table is in the final schema, unsafe too.
CREATE TABLE IF NOT EXISTS ${prefix}sync_log (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    vehicle_id bigint NOT NULL REFERENCES ${prefix}vehicles (id),
    synced_at  timestamptz NOT NULL DEFAULT now()
);
