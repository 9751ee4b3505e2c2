-- orders: a nullable tenant column and no row level security
CREATE TABLE orders (
    id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id uuid REFERENCES tenants (id),
    note      text
);

CREATE INDEX orders_tenant_id_idx ON orders (tenant_id);

-- order lines belong to a tenant through their order, and have no tenant column
CREATE TABLE order_lines (
    id       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    order_id bigint NOT NULL REFERENCES orders (id),
    quantity integer NOT NULL
);

CREATE INDEX order_lines_order_id_idx ON order_lines (order_id);
