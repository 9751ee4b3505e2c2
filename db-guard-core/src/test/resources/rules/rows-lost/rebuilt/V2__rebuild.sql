SET lock_timeout = '5s';
-- a table rebuilt from a SELECT whose filter keeps none of the existing rows, under the old name
CREATE TABLE products_new AS SELECT * FROM products WHERE price < 0;
-- expect: destructive-statement, rows-lost
DROP TABLE products;
ALTER TABLE products_new RENAME TO products;
