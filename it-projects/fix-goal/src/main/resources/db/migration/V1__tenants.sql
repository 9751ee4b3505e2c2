-- Motomind: one tenant per fleet operator.
CREATE TABLE tenants (
    id         uuid PRIMARY KEY,
    name       text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);

-- The application connects as motomind_app; migrations run as the owner.
CREATE ROLE motomind_app LOGIN;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO motomind_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE ON SEQUENCES TO motomind_app;
GRANT USAGE ON SCHEMA public TO motomind_app;
