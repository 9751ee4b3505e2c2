-- an INSERT into one table, and the trigger empties another: the rehearsal counts every table around a write
-- when the schema has triggers, rules or functions of its own
-- expect: rows-lost
INSERT INTO retirements (reason) VALUES ('end of lease');
