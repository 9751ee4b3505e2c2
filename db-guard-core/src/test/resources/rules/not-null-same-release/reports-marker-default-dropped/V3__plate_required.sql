SET lock_timeout = '5s';
-- NOT NULL while the DEFAULT still covers old code ...
-- expect: not-null-same-release, set-not-null-full-scan
ALTER TABLE vehicles ALTER COLUMN plate SET NOT NULL;
-- ... until the DEFAULT goes in the same release (no marker: V3 deploys with V2)
-- expect: drop-default-same-release
ALTER TABLE vehicles ALTER COLUMN plate DROP DEFAULT;
