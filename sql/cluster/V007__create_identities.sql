-- V007 on a cluster (see sql/migrations/V007__create_identities.sql): the identity map, small, as one replica
--   set shared by every shard (the Keeper path has no {shard}, like dashboard_users), so each node holds the
--   whole map, the readers' join with it stays local to the node running the query and no Distributed table
--   is needed. Undo by hand with DROP TABLE IF EXISTS ${DATABASE}.identities ON CLUSTER ${CLUSTER} SYNC.
CREATE TABLE IF NOT EXISTS ${DATABASE}.identities ON CLUSTER ${CLUSTER}
(
    source     LowCardinality(String),
    linked_id  String,
    user_id    String,
    linked_at  DateTime64(3, 'UTC'),
    message_id String
)
ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/all/${DATABASE}/identities', '{replica}')
ORDER BY (source, linked_id, message_id)
SETTINGS replicated_deduplication_window = 1000;

-- Links of the events stored before this migration, run once on this node (the replicas share the rows),
-- by the same rule as the processor's (IdentityLink.of: an identify's anonymousId, an alias's previousId, to
-- a different userId; blank ids are stored as NULL).
INSERT INTO ${DATABASE}.identities (source, linked_id, user_id, linked_at, message_id)
SELECT source, assumeNotNull(if(type = 'identify', anonymous_id, previous_id)), assumeNotNull(user_id), timestamp, message_id
FROM ${DATABASE}.events
WHERE type IN ('identify', 'alias') AND user_id IS NOT NULL AND if(type = 'identify', anonymous_id, previous_id) IS NOT NULL
  AND if(type = 'identify', anonymous_id, previous_id) != user_id;
