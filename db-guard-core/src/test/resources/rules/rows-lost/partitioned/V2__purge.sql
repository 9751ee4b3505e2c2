SET lock_timeout = '5s';
-- meant to purge negative readings, but the check allows none: every row goes, across both partitions
-- expect: rows-lost
DELETE FROM readings WHERE value >= 0;
