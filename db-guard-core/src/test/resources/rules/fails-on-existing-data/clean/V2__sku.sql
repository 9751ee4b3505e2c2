SET lock_timeout = '5s';
-- the same column, added in a way that works on rows: nullable, backfilled from a real column, checked
ALTER TABLE items ADD COLUMN sku text;
UPDATE items SET sku = 'SKU-' || id WHERE sku IS NULL;
ALTER TABLE items ADD CONSTRAINT items_sku_not_null CHECK (sku IS NOT NULL) NOT VALID;
ALTER TABLE items VALIDATE CONSTRAINT items_sku_not_null;
