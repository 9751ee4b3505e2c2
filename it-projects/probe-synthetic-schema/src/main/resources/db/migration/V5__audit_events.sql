CREATE TABLE audit_events (
    id bigint GENERATED ALWAYS AS IDENTITY,
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    actor_id uuid NOT NULL REFERENCES platform.users (id),
    payload jsonb NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX audit_events_actor_id_idx ON audit_events (actor_id);
ALTER TABLE audit_events ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit_events FORCE ROW LEVEL SECURITY;
-- the planted leak: every session reads and writes every tenant's audit trail
CREATE POLICY everyone ON audit_events USING (true);
