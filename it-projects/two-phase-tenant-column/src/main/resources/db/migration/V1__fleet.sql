-- Version 1 served one customer. Customers are the tenants of version 2: customers.id is the tenant key.
CREATE TABLE customers (
    id         integer PRIMARY KEY,
    name       text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);

-- The customer every row written so far belongs to.
INSERT INTO customers (id, name) VALUES (1, 'Founding customer');

CREATE TABLE vehicles (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    vin        text NOT NULL,
    label      text,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE service_plans (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name          text NOT NULL,
    interval_days integer NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now()
);
