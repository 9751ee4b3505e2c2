CREATE TABLE organizations (id uuid PRIMARY KEY, name text NOT NULL);
