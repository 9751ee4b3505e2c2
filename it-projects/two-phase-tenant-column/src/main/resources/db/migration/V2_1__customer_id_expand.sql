-- Phase A (expand), with the code of release 2 that writes customer_id: every existing row, and every insert of
-- the still-running version-1 code that knows nothing of customers, goes to the founding customer through DEFAULT 1.
SET lock_timeout = '5s';

ALTER TABLE vehicles ADD COLUMN customer_id integer DEFAULT 1;
ALTER TABLE vehicles ADD CONSTRAINT vehicles_customer_id_fkey
    FOREIGN KEY (customer_id) REFERENCES customers (id) NOT VALID;
ALTER TABLE vehicles VALIDATE CONSTRAINT vehicles_customer_id_fkey;
ALTER TABLE vehicles ENABLE ROW LEVEL SECURITY;
ALTER TABLE vehicles FORCE ROW LEVEL SECURITY;
CREATE POLICY vehicles_customer_isolation ON vehicles
    USING (customer_id = current_setting('app.customer_id')::integer);

ALTER TABLE service_plans ADD COLUMN customer_id integer DEFAULT 1;
ALTER TABLE service_plans ADD CONSTRAINT service_plans_customer_id_fkey
    FOREIGN KEY (customer_id) REFERENCES customers (id) NOT VALID;
ALTER TABLE service_plans VALIDATE CONSTRAINT service_plans_customer_id_fkey;
ALTER TABLE service_plans ENABLE ROW LEVEL SECURITY;
ALTER TABLE service_plans FORCE ROW LEVEL SECURITY;
CREATE POLICY service_plans_customer_isolation ON service_plans
    USING (customer_id = current_setting('app.customer_id')::integer);
