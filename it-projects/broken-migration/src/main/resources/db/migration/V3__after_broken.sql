-- Never applied: the run stops at V2.
CREATE TABLE after_broken (
    id bigint PRIMARY KEY
);
