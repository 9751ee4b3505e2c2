CREATE TABLE vehicle_events (
    id uuid PRIMARY KEY,
    vehicle_id uuid NOT NULL REFERENCES vehicles (id),
    happened_at timestamptz NOT NULL
);

CREATE FUNCTION vehicle_count() RETURNS bigint
    LANGUAGE sql SECURITY DEFINER
    AS $$ SELECT count(*) FROM vehicles $$;
