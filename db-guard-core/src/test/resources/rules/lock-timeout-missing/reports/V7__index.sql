-- expect: index-not-concurrent, lock-timeout-missing
CREATE INDEX vehicles_vin_idx ON vehicles (vin);
