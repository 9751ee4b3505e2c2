SET lock_timeout = '5s';
-- nothing filled code in the old rows: the check fails on every table that has rows
-- expect: constraint-not-valid-missing, fails-on-existing-data @ public.items
ALTER TABLE items ADD CONSTRAINT items_code_set CHECK (code IS NOT NULL);
