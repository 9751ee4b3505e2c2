-- What the production database has before the first migration: a platform schema with the tenant lookup.
CREATE SCHEMA platform;
CREATE FUNCTION platform.current_tenant() RETURNS uuid
    LANGUAGE sql STABLE
    AS $$ SELECT current_setting('app.tenant_id')::uuid $$;
