SET lock_timeout = '5s';

-- the running release still queries vehicles.plate
-- expect: rename-breaks-clients
ALTER TABLE vehicles RENAME COLUMN plate TO license_plate;

-- ... and drivers
-- expect: rename-breaks-clients
ALTER TABLE drivers RENAME TO fleet_drivers;

-- the same through DDL run inside a DO block
-- expect: rename-breaks-clients
DO $$
BEGIN
    EXECUTE 'ALTER TABLE vehicles RENAME COLUMN vin TO vehicle_identification_number';
END
$$;
