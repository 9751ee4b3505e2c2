CREATE TABLE report_cache (id bigint PRIMARY KEY, payload jsonb);
CREATE ROLE reporting NOLOGIN;
-- the migration role created reporting but is not a member of it, so it cannot hand it a table
-- expect: migration-needs-superuser
ALTER TABLE report_cache OWNER TO reporting;
