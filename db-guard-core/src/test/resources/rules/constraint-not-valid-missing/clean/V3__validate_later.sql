SET lock_timeout = '5s';

-- NOT VALID in one migration, VALIDATE in the next
ALTER TABLE drivers ADD CONSTRAINT drivers_name_not_blank CHECK (name <> '') NOT VALID;
