-- U2__labels.sql undoes it
CREATE TABLE labels (id bigint PRIMARY KEY, caption text);
