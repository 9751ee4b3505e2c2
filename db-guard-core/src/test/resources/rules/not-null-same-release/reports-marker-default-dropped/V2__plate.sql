-- db-guard:release
SET lock_timeout = '5s';
ALTER TABLE vehicles ADD COLUMN plate text DEFAULT 'unregistered';
