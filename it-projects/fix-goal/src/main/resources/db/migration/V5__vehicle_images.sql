-- Photos of vehicles, stored by key in object storage.
CREATE TABLE vehicle_images (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id   uuid NOT NULL REFERENCES tenants (id),
    vehicle_id  bigint NOT NULL REFERENCES vehicles (id),
    storage_key text NOT NULL,
    taken_at    timestamptz
);

CREATE INDEX vehicle_images_vehicle_id_idx ON vehicle_images (vehicle_id);

ALTER TABLE vehicle_images ENABLE ROW LEVEL SECURITY;

CREATE POLICY vehicle_images_tenant_isolation ON vehicle_images
    USING (tenant_id = current_setting('app.tenant_id')::uuid)
    WITH CHECK (tenant_id = current_setting('app.tenant_id')::uuid);
