-- the last ALTER TABLE that mentions the column made it nullable
-- expect: tenant-column-nullable, lock-timeout-missing
ALTER TABLE projects ALTER COLUMN tenant_id DROP NOT NULL;
