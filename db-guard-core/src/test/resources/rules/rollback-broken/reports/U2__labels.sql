-- forgets the table: the schema after the rollback still has public.labels
DROP INDEX labels_caption_idx;
