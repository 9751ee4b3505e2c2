-- retiring a vehicle is meant to archive it; the trigger deletes every vehicle of the tenant instead
CREATE TABLE vehicles (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    vin text NOT NULL
);
CREATE TABLE retirements (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    reason text NOT NULL
);
CREATE FUNCTION retire_vehicles() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM vehicles;
    RETURN NEW;
END
$$;
CREATE TRIGGER retirements_retire AFTER INSERT ON retirements
    FOR EACH ROW EXECUTE FUNCTION retire_vehicles();
