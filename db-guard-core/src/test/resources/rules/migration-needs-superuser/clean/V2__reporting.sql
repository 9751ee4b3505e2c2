-- objects the migration role creates are its own: altering them needs no superuser
CREATE TABLE report_cache (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), name citext NOT NULL, payload jsonb);
CREATE INDEX report_cache_payload ON report_cache USING gin (payload);
COMMENT ON TABLE report_cache IS 'rebuilt nightly';
CREATE FUNCTION report_count() RETURNS bigint LANGUAGE sql STABLE AS $$ SELECT count(*) FROM report_cache $$;
CREATE ROLE reporting NOLOGIN;
GRANT SELECT ON report_cache TO reporting;
ALTER TABLE report_cache RENAME COLUMN payload TO body;
