SET lock_timeout = '5s';

-- on a partitioned table the index is built on every partition, each locked against writes meanwhile,
-- and CONCURRENTLY is not allowed on the parent
-- expect: index-not-concurrent
CREATE INDEX measurements_taken_at_idx ON measurements (taken_at);
