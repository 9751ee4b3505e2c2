SET lock_timeout = '5s';
CREATE INDEX CONCURRENTLY fleets_owner_id_idx ON fleets (owner_id);
