-- Another application's data on the "existing server": the database the url names. db-guard must use it only
-- as the maintenance connection.
CREATE TABLE customers (id int PRIMARY KEY, name text NOT NULL);
INSERT INTO customers VALUES (1, 'Acme'), (2, 'Globex');
