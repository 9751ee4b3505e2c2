-- SECURITY INVOKER: the caller's policies apply
CREATE FUNCTION project_count() RETURNS bigint
    LANGUAGE sql SECURITY INVOKER
    AS $$ SELECT count(*) FROM projects $$;

-- SECURITY DEFINER owned by a role that row level security restricts
CREATE ROLE project_reader NOLOGIN;
GRANT SELECT ON projects TO project_reader;
CREATE FUNCTION project_name(p_id uuid) RETURNS text
    LANGUAGE sql SECURITY DEFINER SET search_path = public, pg_temp
    AS $$ SELECT name FROM projects WHERE id = p_id $$;
ALTER FUNCTION project_name(uuid) OWNER TO project_reader;

-- SECURITY DEFINER that only reads the global tenants table
CREATE FUNCTION tenant_exists(p_id uuid) RETURNS boolean
    LANGUAGE sql SECURITY DEFINER SET search_path = public, pg_temp
    AS $$ SELECT EXISTS (SELECT 1 FROM tenants WHERE id = p_id) $$;
