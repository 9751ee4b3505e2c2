-- a later migration switches it off: the policy and FORCE remain, but nothing applies them
-- expect: rls-disabled, lock-timeout-missing
ALTER TABLE projects DISABLE ROW LEVEL SECURITY;
