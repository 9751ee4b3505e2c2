-- Phase A (expand), continued: every policy check filters on customer_id. CONCURRENTLY keeps writes flowing,
-- and cannot run inside a transaction, hence a migration of its own.
SET lock_timeout = '5s';

CREATE INDEX CONCURRENTLY vehicles_customer_id_idx ON vehicles (customer_id);
CREATE INDEX CONCURRENTLY service_plans_customer_id_idx ON service_plans (customer_id);
