-- V7: every construct the splitter has to understand, in a script PostgreSQL accepts.
/* a block comment; /* nested; */ still comment; */

CREATE TABLE tenants (
    id   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name text NOT NULL,   -- the customer's name; shown on invoices
    note text DEFAULT 'it''s; new',
    "odd;name" text
);

CREATE FUNCTION tenant_name(p_id bigint) RETURNS text
LANGUAGE sql STABLE
BEGIN ATOMIC
    SELECT CASE WHEN name = '' THEN E'\'empty\';' ELSE name END FROM tenants WHERE id = p_id;
END;

-- a DO block with its own tag and a $$ inside
DO $migrate$
BEGIN
    EXECUTE $$UPDATE tenants SET note = 'x;' WHERE note IS NULL$$;
    RAISE NOTICE 'done; %', $x$;$x$;
END
$migrate$;

CREATE PROCEDURE touch_tenant(p_id bigint)
LANGUAGE sql
BEGIN ATOMIC
    UPDATE tenants SET note = U&'d\0061t;a' WHERE id = p_id;
    SELECT 1;
END;

INSERT INTO tenants (name, note) VALUES
    ('a', 'x'),
    ('b', 'y');

-- index built without blocking writes


CREATE INDEX CONCURRENTLY tenants_name_idx ON tenants (name);
/* the statement below has no terminating semicolon */
COMMENT ON TABLE tenants IS 'one row per customer; never deleted'
