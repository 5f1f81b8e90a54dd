-- Retention (RETENTION_DAYS): `analytics migrate` applies this after the migrations when RETENTION_DAYS is
-- set, with ${RETENTION_DAYS} replaced by that whole number of days, and only when the tables do not
-- already have this TTL (a changed TTL rewrites the TTL information of every part once).
--
-- TTL on the event time (not the receive time): retention is about how old the behaviour is. A row TTL
-- drops expired rows in the background merges; with monthly partitions whole expired parts go at once.
-- sessions expires with its events so no session outlives the events it was built from; so does the identity
-- map (V007), on the time of the identify or alias event that made each link.
ALTER TABLE events MODIFY TTL toDateTime(timestamp) + toIntervalDay(${RETENTION_DAYS});
ALTER TABLE sessions MODIFY TTL day + toIntervalDay(${RETENTION_DAYS});
ALTER TABLE identities MODIFY TTL toDateTime(linked_at) + toIntervalDay(${RETENTION_DAYS});
