-- Retention on the cluster layout (see sql/retention.sql for the reasons): `analytics migrate --cluster`
-- applies it when RETENTION_DAYS is set. TTLs belong to the Replicated tables that hold the rows, not to
-- the Distributed ones; ON CLUSTER reaches every shard.
ALTER TABLE ${DATABASE}.events_local ON CLUSTER ${CLUSTER} MODIFY TTL toDateTime(timestamp) + toIntervalDay(${RETENTION_DAYS});
ALTER TABLE ${DATABASE}.sessions_local ON CLUSTER ${CLUSTER} MODIFY TTL day + toIntervalDay(${RETENTION_DAYS});
ALTER TABLE ${DATABASE}.identities ON CLUSTER ${CLUSTER} MODIFY TTL toDateTime(linked_at) + toIntervalDay(${RETENTION_DAYS});
