-- pg_stat_statements is not a trusted extension: only a superuser may create it
-- expect: migration-needs-superuser
CREATE EXTENSION IF NOT EXISTS pg_stat_statements;
-- pgcrypto is trusted: the database's owner may create it
CREATE EXTENSION IF NOT EXISTS pgcrypto;
