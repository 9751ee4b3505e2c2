SELECT set_config('lock_timeout', '3s', false);
ALTER TABLE vehicles ADD CONSTRAINT vehicles_model_year_check CHECK (model_year > 1900) NOT VALID;
LOCK TABLE drivers IN SHARE MODE;
