-- a later migration switches it off: the policy and FORCE remain, but nothing applies them
-- expect: rls-disabled, lock-timeout-missing, isolation-read-leak, isolation-write-leak
ALTER TABLE projects DISABLE ROW LEVEL SECURITY;
