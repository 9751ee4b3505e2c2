SET lock_timeout = '5s';

-- integer to bigint rewrites every row
-- expect: column-type-change
ALTER TABLE vehicles ALTER COLUMN mileage TYPE bigint;

-- a different scale rewrites every value
-- expect: column-type-change
ALTER TABLE vehicles ALTER COLUMN price TYPE numeric(12,3);

-- a shorter length must check and rewrite every row; the same through DDL inside a DO block
-- expect: column-type-change
DO $$
BEGIN
    EXECUTE 'ALTER TABLE vehicles ALTER COLUMN plate TYPE varchar(10)';
END
$$;

-- a USING expression computes every value anew, even when varchar to text alone would not rewrite
-- expect: column-type-change
ALTER TABLE vehicles ALTER COLUMN vin TYPE text USING upper(vin);

-- cidr to inet is a relabel, but inet back to cidr converts every value
ALTER TABLE vehicles ALTER COLUMN network TYPE inet;
-- expect: column-type-change
ALTER TABLE vehicles ALTER COLUMN network TYPE cidr;

-- a column added in this migration still lives in the existing table's rows: changing its type rewrites them
ALTER TABLE vehicles ADD COLUMN odometer integer;
-- expect: column-type-change
ALTER TABLE vehicles ALTER COLUMN odometer TYPE bigint;
