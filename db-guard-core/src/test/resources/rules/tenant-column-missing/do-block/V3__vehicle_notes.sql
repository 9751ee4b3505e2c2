-- DDL run through EXECUTE is judged like plain DDL; the finding points at the DO statement
-- expect: tenant-column-missing
DO $$
BEGIN
    EXECUTE 'CREATE TABLE vehicle_notes (
        id uuid PRIMARY KEY,
        vehicle_id uuid NOT NULL REFERENCES vehicles (id),
        body text NOT NULL)';
END
$$;
ALTER TABLE vehicle_notes ENABLE ROW LEVEL SECURITY;
ALTER TABLE vehicle_notes FORCE ROW LEVEL SECURITY;
CREATE POLICY vehicle_visible ON vehicle_notes
    USING (EXISTS (SELECT 1 FROM vehicles v WHERE v.id = vehicle_id));
