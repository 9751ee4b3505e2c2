-- meant to remove only free products, but every price is >= 0: a WHERE that matches every row
-- expect: rows-lost
DELETE FROM products WHERE price >= 0;
