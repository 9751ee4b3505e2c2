SET lock_timeout = '5s';
ALTER TABLE vehicles ADD COLUMN status text DEFAULT 'active';
