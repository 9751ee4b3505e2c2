-- a catalogue table no tenant owns: only the data rules speak about it
CREATE TABLE products (
    id bigint PRIMARY KEY,
    name text NOT NULL,
    price numeric(10, 2) NOT NULL CHECK (price >= 0)
);
