-- the finding points at the last statement that changed the function
-- expect: security-definer-function
ALTER FUNCTION rename_project(uuid, text) SECURITY DEFINER;
