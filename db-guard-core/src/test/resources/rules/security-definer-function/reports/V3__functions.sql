-- owned by postgres (superuser), no search_path: both findings
-- expect: security-definer-function, security-definer-search-path
CREATE FUNCTION project_count() RETURNS bigint
    LANGUAGE sql SECURITY DEFINER
    AS $$ SELECT count(*) FROM projects $$;

-- with a fixed search_path, still reading every tenant as its owner
-- expect: security-definer-function
CREATE FUNCTION project_name(p_id uuid) RETURNS text
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
    AS $$
BEGIN
    RETURN (SELECT name FROM projects WHERE id = p_id);
END
$$;

-- an SQL-standard body: the dependency is in pg_depend
-- expect: security-definer-function
CREATE FUNCTION project_ids() RETURNS SETOF uuid
    LANGUAGE sql SECURITY DEFINER SET search_path = public, pg_temp
    BEGIN ATOMIC
        SELECT id FROM public.projects;
    END;
