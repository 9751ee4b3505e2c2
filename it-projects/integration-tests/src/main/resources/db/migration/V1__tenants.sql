-- One tenant per customer organisation.
CREATE TABLE tenants (
    id   uuid PRIMARY KEY,
    name text NOT NULL
);

-- The application's role: it logs in with a password and is subject to row level security
-- (no superuser, no BYPASSRLS, owns no table).
CREATE ROLE notes_app LOGIN PASSWORD 'notes-app-password';
GRANT USAGE ON SCHEMA public TO notes_app;
GRANT SELECT ON tenants TO notes_app;
