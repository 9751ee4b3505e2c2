-- name and title are not synonyms; created_at, updated_at and deleted_at belong to different groups
CREATE TABLE vehicles (
    id         bigint PRIMARY KEY,
    name       text NOT NULL,
    title      text,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    deleted_at timestamptz
);

-- one column of a group is no drift
CREATE TABLE drivers (
    id           bigint PRIMARY KEY,
    display_name text NOT NULL,
    inserted_at  timestamptz NOT NULL DEFAULT now()
);
