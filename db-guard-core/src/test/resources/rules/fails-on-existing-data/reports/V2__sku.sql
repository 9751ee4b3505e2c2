SET lock_timeout = '5s';
-- works on the empty database of a developer, fails on any table with rows (23502)
-- expect: not-null-without-default, fails-on-existing-data @ public.items
ALTER TABLE items ADD COLUMN sku text NOT NULL;
