CREATE SCHEMA stock;
CREATE TABLE public.items (
    id bigint PRIMARY KEY,
    name text NOT NULL
);
CREATE TABLE stock.items (
    id bigint PRIMARY KEY,
    name text NOT NULL
);
