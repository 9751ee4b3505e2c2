CREATE TABLE accounts (id uuid PRIMARY KEY, name text NOT NULL);
