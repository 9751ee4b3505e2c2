SET lock_timeout = '5s';
-- every row survives: a new nullable column, an update with WHERE, a copy of all rows
ALTER TABLE products ADD COLUMN sku text;
UPDATE products SET name = upper(name) WHERE price >= 0;
CREATE TABLE products_archive AS SELECT * FROM products;
