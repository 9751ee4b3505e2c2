-- not a superuser, but the owner of a table whose row level security is not forced
CREATE FUNCTION project_count() RETURNS bigint
    LANGUAGE sql SECURITY DEFINER SET search_path = public, pg_temp
    AS $$ SELECT count(*) FROM projects $$;
-- expect: security-definer-function
ALTER FUNCTION project_count() OWNER TO migrator;
