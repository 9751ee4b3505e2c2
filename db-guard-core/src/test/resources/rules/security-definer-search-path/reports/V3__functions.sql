-- reads no tenant table, but a caller can shadow now() or the tables it uses through search_path
-- expect: security-definer-search-path
CREATE FUNCTION tenant_exists(p_id uuid) RETURNS boolean
    LANGUAGE sql SECURITY DEFINER
    AS $$ SELECT EXISTS (SELECT 1 FROM tenants WHERE id = p_id) $$;

-- a procedure too
-- expect: security-definer-search-path
CREATE PROCEDURE touch_tenant(p_id uuid)
    LANGUAGE sql SECURITY DEFINER
    AS $$ SELECT 1 FROM tenants WHERE id = p_id $$;

-- the search_path was fixed, then reset
CREATE FUNCTION tenant_count() RETURNS bigint
    LANGUAGE sql SECURITY DEFINER SET search_path = public, pg_temp
    AS $$ SELECT count(*) FROM tenants $$;
-- expect: security-definer-search-path
ALTER FUNCTION tenant_count() RESET search_path;
