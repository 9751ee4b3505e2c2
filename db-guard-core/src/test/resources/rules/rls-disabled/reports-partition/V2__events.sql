CREATE TABLE events (
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    id uuid NOT NULL,
    payload text,
    PRIMARY KEY (tenant_id, id)
) PARTITION BY HASH (tenant_id);
ALTER TABLE events ENABLE ROW LEVEL SECURITY;
ALTER TABLE events FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON events
    USING (tenant_id = current_setting('app.tenant_id')::uuid);

-- a partition does not inherit its parent's row level security: read directly, it skips the parent's policies
-- expect: rls-disabled
CREATE TABLE events_p0 PARTITION OF events FOR VALUES WITH (MODULUS 2, REMAINDER 0);

-- this one is protected on its own
CREATE TABLE events_p1 PARTITION OF events FOR VALUES WITH (MODULUS 2, REMAINDER 1);
ALTER TABLE events_p1 ENABLE ROW LEVEL SECURITY;
ALTER TABLE events_p1 FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON events_p1
    USING (tenant_id = current_setting('app.tenant_id')::uuid);
