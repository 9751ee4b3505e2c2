-- expect: migration-needs-superuser
ALTER SYSTEM SET log_min_duration_statement = 500;
