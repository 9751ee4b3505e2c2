-- Service plans. The second statement has a doubled comma on line 7, which PostgreSQL rejects.
CREATE TABLE plans (
    id   bigint PRIMARY KEY,
    name text NOT NULL
);
CREATE TABLE plan_items (
    id      bigint PRIMARY KEY,,
    plan_id bigint NOT NULL REFERENCES plans (id)
);
