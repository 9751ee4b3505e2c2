SET lock_timeout = '5s';
-- the rehearsal goes on after a failure, with the rows back: a column added now holds NULL in every old row
ALTER TABLE items ADD COLUMN code text;
