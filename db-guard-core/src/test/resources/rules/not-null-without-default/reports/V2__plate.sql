SET lock_timeout = '5s';

-- existing vehicles would have no plate: fails on a table with rows, and old code cannot insert
-- expect: not-null-without-default, fails-on-existing-data
ALTER TABLE vehicles ADD COLUMN plate text NOT NULL;

-- the same through DDL run inside a DO block
-- expect: not-null-without-default
DO $$
BEGIN
    EXECUTE 'ALTER TABLE vehicles ADD COLUMN registered_in text NOT NULL';
END
$$;
