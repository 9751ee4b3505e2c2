-- a partitioned table: its rows are its partitions' rows
CREATE TABLE readings (
    id bigint NOT NULL,
    taken_on date NOT NULL,
    value numeric(10, 2) NOT NULL CHECK (value >= 0),
    PRIMARY KEY (id, taken_on)
) PARTITION BY RANGE (taken_on);
CREATE TABLE readings_old PARTITION OF readings FOR VALUES FROM (MINVALUE) TO ('2020-01-01');
CREATE TABLE readings_new PARTITION OF readings FOR VALUES FROM ('2020-01-01') TO (MAXVALUE);
