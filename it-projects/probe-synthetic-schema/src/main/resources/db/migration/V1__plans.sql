-- A global catalogue of plans: it belongs to no tenant, and every tenant must reference one.
CREATE TYPE plan_tier AS ENUM ('free', 'team', 'enterprise');
CREATE TABLE plans (
    id serial PRIMARY KEY,
    tier plan_tier NOT NULL,
    features jsonb NOT NULL,
    seat_limits integer[] NOT NULL
);
