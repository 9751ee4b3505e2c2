-- fixed search_path
CREATE FUNCTION tenant_exists(p_id uuid) RETURNS boolean
    LANGUAGE sql SECURITY DEFINER SET search_path = public, pg_temp
    AS $$ SELECT EXISTS (SELECT 1 FROM tenants WHERE id = p_id) $$;

-- an empty search_path, everything qualified
CREATE FUNCTION tenant_count() RETURNS bigint
    LANGUAGE sql SECURITY DEFINER SET search_path = ''
    AS $$ SELECT count(*) FROM public.tenants $$;

-- fixed later by ALTER FUNCTION
CREATE FUNCTION tenant_ids() RETURNS SETOF uuid
    LANGUAGE sql SECURITY DEFINER
    AS $$ SELECT id FROM tenants $$;
ALTER FUNCTION tenant_ids() SET search_path = public, pg_temp;

-- SECURITY INVOKER needs no fixed search_path
CREATE FUNCTION project_count() RETURNS bigint
    LANGUAGE sql
    AS $$ SELECT count(*) FROM projects $$;
