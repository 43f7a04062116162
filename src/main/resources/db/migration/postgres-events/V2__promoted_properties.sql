-- Event properties that segments filter on get real typed columns in events (named p<id>_<s|n|b>);
-- this registry says which property and type each one holds.
CREATE TABLE promoted_properties (
    id          INTEGER PRIMARY KEY,
    property    TEXT NOT NULL,
    type        TEXT NOT NULL,
    column_name TEXT NOT NULL UNIQUE,
    UNIQUE (property, type)
);
