CREATE TABLE note_tags (
    id        uuid PRIMARY KEY,
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    note_id   uuid NOT NULL,
    tag       text NOT NULL
);
