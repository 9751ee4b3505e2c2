-- a partitioned table: every partition has its own row level security, read directly too
CREATE TABLE events (
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    id uuid NOT NULL,
    occurred_on date NOT NULL,
    payload jsonb NOT NULL,
    PRIMARY KEY (tenant_id, id, occurred_on)
) PARTITION BY RANGE (occurred_on);
ALTER TABLE events ENABLE ROW LEVEL SECURITY;
ALTER TABLE events FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON events
    USING (tenant_id = current_setting('app.tenant_id')::uuid);
CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
ALTER TABLE events_2024 ENABLE ROW LEVEL SECURITY;
ALTER TABLE events_2024 FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON events_2024
    USING (tenant_id = current_setting('app.tenant_id')::uuid);
CREATE TABLE events_2025 PARTITION OF events FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
ALTER TABLE events_2025 ENABLE ROW LEVEL SECURITY;
ALTER TABLE events_2025 FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON events_2025
    USING (tenant_id = current_setting('app.tenant_id')::uuid);

-- a view that runs with the reader's rights: the invoices policy applies
CREATE VIEW open_invoices WITH (security_invoker = true) AS
    SELECT tenant_id, id, amount FROM invoices WHERE state <> 'paid';
