SET lock_timeout = '5s';
-- V2_1 and V2_2 deploy together; DDL inside a DO block is judged like plain DDL
-- expect: drop-default-same-release
DO $$
BEGIN
    EXECUTE 'ALTER TABLE vehicles ALTER COLUMN status DROP DEFAULT';
END
$$;
