-- The platform's own users, created before any migration (as a hosting platform's init script does): every
-- tenant and every project names a user of this table, NOT NULL.
CREATE SCHEMA platform;
CREATE TABLE platform.users (
    id uuid PRIMARY KEY,
    email text NOT NULL UNIQUE CHECK (email LIKE '%@%'),
    created_at timestamptz NOT NULL DEFAULT now()
);
