SET lock_timeout = '5s';
ALTER TABLE public.items ADD COLUMN sku text;
-- two tables named items: the finding names the one PostgreSQL's error names, schema included
-- expect: not-null-without-default, fails-on-existing-data @ stock.items
ALTER TABLE stock.items ADD COLUMN sku text NOT NULL;
