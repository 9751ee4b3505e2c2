ALTER TABLE drivers VALIDATE CONSTRAINT drivers_name_not_blank;
