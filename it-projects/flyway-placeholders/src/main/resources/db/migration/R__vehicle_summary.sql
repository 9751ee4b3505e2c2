-- Repeatable: Flyway applies it after the versioned migrations, and again whenever it changes.
CREATE OR REPLACE VIEW ${prefix}vehicle_summary WITH (security_invoker = true) AS
SELECT tenant_id, count(*) AS vehicles
FROM ${prefix}vehicles
GROUP BY tenant_id;
