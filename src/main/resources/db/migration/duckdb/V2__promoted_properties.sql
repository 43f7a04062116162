-- Event properties that segments filter on get real typed columns in events (named p<id>_<s|n|b>);
-- this registry says which property and type each one holds.
CREATE TABLE promoted_properties (
    id          INTEGER PRIMARY KEY,
    property    VARCHAR NOT NULL,
    type        VARCHAR NOT NULL,
    column_name VARCHAR NOT NULL UNIQUE,
    UNIQUE (property, type)
);
