CREATE FUNCTION rename_project(p_id uuid, p_name text) RETURNS void
    LANGUAGE sql SET search_path = public, pg_temp
    AS $$ UPDATE projects SET name = p_name WHERE id = p_id $$;
