SET lock_timeout = '5s';

-- the partition-by-partition way: the parent's index alone (invalid, builds nothing),
-- each partition's index CONCURRENTLY, then attached
CREATE INDEX measurements_taken_at_idx ON ONLY measurements (taken_at);
CREATE INDEX CONCURRENTLY measurements_2024_taken_at_idx ON measurements_2024 (taken_at);
CREATE INDEX CONCURRENTLY measurements_2025_taken_at_idx ON measurements_2025 (taken_at);
ALTER INDEX measurements_taken_at_idx ATTACH PARTITION measurements_2024_taken_at_idx;
ALTER INDEX measurements_taken_at_idx ATTACH PARTITION measurements_2025_taken_at_idx;
