CREATE TABLE labels (id bigint PRIMARY KEY, caption text);
CREATE INDEX labels_caption_idx ON labels (caption);
