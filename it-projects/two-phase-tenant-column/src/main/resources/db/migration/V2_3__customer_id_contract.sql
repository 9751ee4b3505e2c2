-- Phase B (contract): once no running code inserts without customer_id, the fallback goes and NULL is refused.
-- Safe only after the code that writes customer_id is deployed everywhere: a release after V2_1.
SET lock_timeout = '5s';

ALTER TABLE vehicles ALTER COLUMN customer_id DROP DEFAULT;
-- a validated CHECK lets SET NOT NULL skip the full scan under ACCESS EXCLUSIVE
ALTER TABLE vehicles ADD CONSTRAINT vehicles_customer_id_not_null CHECK (customer_id IS NOT NULL) NOT VALID;
ALTER TABLE vehicles VALIDATE CONSTRAINT vehicles_customer_id_not_null;
ALTER TABLE vehicles ALTER COLUMN customer_id SET NOT NULL;
ALTER TABLE vehicles DROP CONSTRAINT vehicles_customer_id_not_null;

ALTER TABLE service_plans ALTER COLUMN customer_id DROP DEFAULT;
ALTER TABLE service_plans ADD CONSTRAINT service_plans_customer_id_not_null CHECK (customer_id IS NOT NULL) NOT VALID;
ALTER TABLE service_plans VALIDATE CONSTRAINT service_plans_customer_id_not_null;
ALTER TABLE service_plans ALTER COLUMN customer_id SET NOT NULL;
ALTER TABLE service_plans DROP CONSTRAINT service_plans_customer_id_not_null;
