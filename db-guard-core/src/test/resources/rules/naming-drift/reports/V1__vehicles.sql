-- three names for one thing: one finding for the group
-- expect: naming-drift
CREATE TABLE vehicles (
    id           bigint PRIMARY KEY,
    label        text,
    nickname     text,
    display_name text,
    name         text NOT NULL
);

-- two creation times, and a soft delete under two names: one finding per group
-- expect: naming-drift, naming-drift
CREATE TABLE trips (
    id          bigint PRIMARY KEY,
    created_at  timestamptz NOT NULL DEFAULT now(),
    inserted_at timestamptz,
    deleted_at  timestamptz,
    removed_at  timestamptz
);

CREATE TABLE drivers (
    id    bigint PRIMARY KEY,
    label text
);
