-- Claims read only rows waiting to be sent (queued, or retrying whose time came). The due index held every
-- row, and each step of a message (claimed, sending, sent) moved its entry; it now holds only the waiting
-- rows, so a claim removes a row from it and the later steps leave it alone (the claim still reads the rows
-- it takes in order, without sorting).
DROP INDEX deliveries_channel_due;
CREATE INDEX deliveries_channel_due ON deliveries (channel, next_attempt_at) WHERE state IN ('queued', 'retrying');
