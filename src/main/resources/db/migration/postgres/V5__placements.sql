-- Banner placements: named places in the customer's application. The built-in ones (top, hero, sidebar)
-- are added by the server on start, with the time they were added.
CREATE TABLE placements (
    key         TEXT   PRIMARY KEY,
    description TEXT   NOT NULL,
    created_at  BIGINT NOT NULL
);
