-- no U2__*.sql beside it
-- expect: rollback-missing
CREATE TABLE labels (id bigint PRIMARY KEY, caption text);
