-- DDL inside a DO block takes the same lock
-- expect: lock-timeout-missing
DO $$
BEGIN
    EXECUTE 'ALTER TABLE vehicles ADD COLUMN body_style text';
END
$$;
