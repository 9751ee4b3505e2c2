CREATE INDEX vehicles_plate_idx ON vehicles (plate);
