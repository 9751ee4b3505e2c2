-- a lookup shared by every tenant: referenced by tenant tables, not tenant-owned
CREATE TABLE countries (code text PRIMARY KEY, name text NOT NULL);
CREATE TABLE vehicle_models (id uuid PRIMARY KEY, maker text NOT NULL, country_code text NOT NULL REFERENCES countries (code));
