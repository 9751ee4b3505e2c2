SET lock_timeout = '5s';
ALTER TABLE vehicles ADD COLUMN color text;
CREATE INDEX CONCURRENTLY vehicles_color_idx ON vehicles (color);
ALTER TABLE vehicles ADD COLUMN notes text;
