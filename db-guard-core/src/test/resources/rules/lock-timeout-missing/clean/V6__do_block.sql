-- a DO block that sets the timeout before its own DDL
DO $$
BEGIN
    PERFORM set_config('lock_timeout', '5s', true);
    EXECUTE 'ALTER TABLE vehicles ADD COLUMN body_style text';
END
$$;
